#include "service/tokeninfo/tokeninfo_event_history.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <set>

#include "service/tokeninfo/tokeninfo_tree.hpp"
#include "unit/service/subtoken_test_context.hpp"

namespace mytoken {
namespace {

using test::must;

class EventHistoryTest : public test::TreeTest {
 protected:
  Result<EventHistory> history(const MintedMytoken& token, std::optional<std::vector<std::string>> ids) {
    return event_history(ctx_, EventHistoryRequest{token.jwt, std::move(ids)}, kCaller);
  }
  static std::set<std::string> ids_of(const EventHistory& h) {
    std::set<std::string> out;
    for (const auto& e : h.events) out.insert(e.mom_id.value);
    return out;
  }
  void event(const MintedMytoken& token, const std::string& name) {
    auto tx = must(store_->begin(TxMode::kWrite));
    must(tx->events().append(EventRow{token.mom_id, name, clock_.now(), "", "", ""}));
    must(tx->commit());
  }
};

TEST_F(EventHistoryTest, ResolvesThisChildrenAndChildrenOf) {  // spec §10
  const auto root = login({"tokeninfo"});
  const auto child = child_of(root, {"tokeninfo"});
  const auto grandchild = child_of(child, {"tokeninfo"});
  for (const auto* t : {&root, &child, &grandchild}) event(*t, "created");
  EXPECT_EQ(ids_of(must(history(root, std::nullopt))), std::set<std::string>{root.mom_id.value});
  EXPECT_EQ(ids_of(must(history(root, std::vector<std::string>{"this"}))), std::set<std::string>{root.mom_id.value});
  EXPECT_EQ(ids_of(must(history(root, std::vector<std::string>{"children"}))),
            (std::set<std::string>{child.mom_id.value, grandchild.mom_id.value}));
  EXPECT_EQ(ids_of(must(history(root, std::vector<std::string>{"children@" + child.mom_id.value}))),
            std::set<std::string>{grandchild.mom_id.value});
  EXPECT_EQ(ids_of(must(history(root, std::vector<std::string>{grandchild.mom_id.value}))),
            std::set<std::string>{grandchild.mom_id.value});
}

TEST_F(EventHistoryTest, OtherTokensNeedManageMytokensHistory) {  // spec §21 item 6
  const auto root = login({"tokeninfo"});
  const auto other = login({"tokeninfo"});
  auto r = history(root, std::vector<std::string>{other.mom_id.value});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error, "insufficient_capabilities");
  const auto manager = login({"manage_mytokens:history"});
  EXPECT_TRUE(history(manager, std::vector<std::string>{other.mom_id.value, "this", "children"}));
  const auto bob = login({"tokeninfo"}, {}, {}, "bob");
  r = history(manager, std::vector<std::string>{bob.mom_id.value});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error, "invalid_grant");
  EXPECT_EQ(r.error().status, 403);
}

TEST_F(EventHistoryTest, EveryRequestNeedsAHistoryCapability) {  // upstream skipped it with mom_ids
  const auto token = login({"tokeninfo:introspect"});
  auto r = history(token, std::vector<std::string>{"this"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error, "insufficient_capabilities");
}

TEST_F(EventHistoryTest, IsACountedOtherUse) {
  const auto token = login({"tokeninfo"}, must(restrictions_from_json(boost::json::parse(R"([{"usages_other":1}])"))));
  EXPECT_TRUE(history(token, std::nullopt));
  auto r = history(token, std::nullopt);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().error, "usage_restricted");
}

TEST_F(EventHistoryTest, ShowsStoredNamesAsStoredAndRecordsItsOwnEvent) {
  const auto token = login({"tokeninfo"});
  event(token, "calendar_updated");  // a newer server version's event: no EventType, still shown
  must(history(token, std::nullopt));
  const auto json = to_json(must(history(token, std::nullopt)));
  const auto& events = json.at("events").as_array();
  ASSERT_EQ(events.size(), 2u);  // same second: the later insert (the first request's event) comes first
  EXPECT_EQ(events[0].at("event"), "tokeninfo_history");
  EXPECT_EQ(events[1].at("event"), "calendar_updated");
}

TEST_F(EventHistoryTest, TreeActionsReturnTheSubtreeAndTheForest) {
  const auto root = login({"tokeninfo", "manage_mytokens"});
  const auto child = child_of(root, {"tokeninfo"});
  login({"AT"}, {}, {}, "bob");
  const auto tree = must(subtoken_tree(ctx_, root.jwt, kCaller));
  EXPECT_EQ(tree.tree.token.mom_id, root.mom_id);
  ASSERT_EQ(tree.tree.children.size(), 1u);
  EXPECT_EQ(tree.tree.children[0].token.mom_id, child.mom_id);
  const auto list = must(list_mytokens(ctx_, root.jwt, kCaller));
  ASSERT_EQ(list.forest.size(), 1u) << "bob's token is not alice's";
  auto denied = list_mytokens(ctx_, child.jwt, kCaller);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().error, "insufficient_capabilities");
  const auto json = to_json(tree);
  EXPECT_EQ(json.at("mytokens").at("token").at("name"), "login");
  EXPECT_FALSE(json.at("mytokens").at("children").at(0).as_object().contains("children"));
}

}  // namespace
}  // namespace mytoken
