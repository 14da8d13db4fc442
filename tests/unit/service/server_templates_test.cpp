#include "service/minting/server_templates.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "crypto/system_random.hpp"
#include "domain/templates/builtin_templates.hpp"
#include "support/temp_sqlite_store.hpp"

namespace mytoken {
namespace {

boost::json::value json(std::string_view text) { return boost::json::parse(text); }

TemplateCatalogue builtins() {
  TemplateCatalogue c;
  for (auto& e : builtin_templates()) c.put(std::move(e));
  return c;
}

class ServerTemplatesTest : public ::testing::Test {
 protected:
  TemplateWriteRequest profile(std::string name, std::string_view payload, std::string group = "_") {
    return {TemplateKind::kProfiles, std::move(group), std::move(name), json(payload)};
  }
  std::string error_of(const Result<TemplateEntry>& r) {
    return r ? "no error" : std::to_string(r.error().status) + " " + r.error().description;
  }

  std::unique_ptr<Store> store_ = test::make_temp_sqlite_store();
  SystemRandom random_;
  ServerTemplates templates_{*store_, random_, builtins()};
};

TEST_F(ServerTemplatesTest, AddedTemplatesAreResolvedAndSeenByAnotherInstance) {
  auto added = templates_.add(profile("batch", R"({"include":"agent","restrictions":"1d"})"));
  ASSERT_TRUE(added.has_value()) << error_of(added);
  EXPECT_EQ(added->id.size(), 36U);  // a UUID
  EXPECT_EQ(added->payload.as_object().at("capabilities"),
            json(R"(["AT","tokeninfo","manage_mytokens","create_mytoken","settings"])"));
  ServerTemplates other_instance(*store_, random_, builtins());  // same store, own base
  auto seen = other_instance.current();
  ASSERT_TRUE(seen.has_value());
  const auto* entry = seen->find(TemplateKind::kProfiles, parse_template_ref("batch"));
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->id, added->id);
  EXPECT_EQ(entry->payload, json(R"({"include":"agent","restrictions":"1d"})"));  // stored as written
}

TEST_F(ServerTemplatesTest, StoredTemplateReplacesABuiltinOfTheSameName) {
  ASSERT_TRUE(templates_.add({TemplateKind::kCapabilities, "_", "default", json(R"(["AT"])")}).has_value());
  auto current = templates_.current();
  ASSERT_TRUE(current.has_value());
  EXPECT_EQ(current->find(TemplateKind::kCapabilities, parse_template_ref("default"))->payload, json(R"(["AT"])"));
}

TEST_F(ServerTemplatesTest, BadWritesAreRefusedAndStoreNothing) {
  EXPECT_EQ(error_of(templates_.add(profile("x", R"({"include":"nope"})"))), "400 unknown include name: 'nope'");
  EXPECT_EQ(error_of(templates_.add(profile("x", "[1]"))), "400 a profile must be a JSON object");
  EXPECT_EQ(error_of(templates_.add(profile("x", R"({"include":"x"})"))).substr(0, 4), "400 ");  // a cycle
  EXPECT_EQ(error_of(templates_.add(profile("x", R"({"capabilities":["fly"]})"))), "400 unknown capability 'fly'");
  EXPECT_EQ(error_of(templates_.add({TemplateKind::kRestrictions, "_", "x", json(R"([{"exp":"soon"}])")})).substr(0, 4),
            "400 ");
  EXPECT_EQ(error_of(templates_.add({TemplateKind::kRotation, "_", "x", json(R"({"on_AT":"yes"})")})).substr(0, 4),
            "400 ");
  for (const auto* name : {"", "a/b", "@a", "a b"}) {
    EXPECT_EQ(error_of(templates_.add(profile(name, "{}"))).substr(0, 4), "400 ") << name;
  }
  EXPECT_EQ(error_of(templates_.add(profile(std::string(101, 'n'), "{}"))),
            "400 template name must have 1 to 100 characters");
  auto tx = store_->begin(TxMode::kRead);
  ASSERT_TRUE(tx.has_value());
  EXPECT_TRUE((*tx)->templates().all()->empty());
}

TEST_F(ServerTemplatesTest, DuplicatesConflictAndUnknownIdsAreNotFound) {
  auto first = templates_.add(profile("p", "{}"));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(error_of(templates_.add(profile("p", "{}"))), "409 a profiles template named 'p' exists in group '_'");
  EXPECT_TRUE(templates_.add(profile("p", "{}", "other")).has_value());  // another group
  auto second = templates_.add(profile("q", "{}"));
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(error_of(templates_.replace(second->id, profile("p", "{}"))).substr(0, 4), "409 ");
  EXPECT_EQ(error_of(templates_.replace("no-such-id", profile("z", "{}"))), "404 no stored template with this id");
  EXPECT_EQ(error_of(templates_.replace(first->id, profile("p", "{}", "other"))).substr(0, 4), "409 ");
  auto renamed = templates_.replace(second->id, profile("r", R"({"capabilities":"@default"})"));
  ASSERT_TRUE(renamed.has_value()) << error_of(renamed);
  EXPECT_EQ(renamed->payload, json(R"({"capabilities":["AT","tokeninfo"]})"));
  EXPECT_FALSE(templates_.remove(TemplateKind::kProfiles, "other", second->id).has_value());  // other group
  EXPECT_TRUE(templates_.remove(TemplateKind::kProfiles, "_", second->id).has_value());
  auto gone = templates_.remove(TemplateKind::kProfiles, "_", second->id);
  ASSERT_FALSE(gone.has_value());
  EXPECT_EQ(gone.error().status, 404);
}

TEST(TemplateWritersTest, BasicAuthAsTheGroup) {
  TemplateWriters writers({{"_", "secret"}, {"site", "other secret"}});
  EXPECT_TRUE(writers.authorize("_", GroupCredentials{"_", "secret"}).has_value());
  EXPECT_TRUE(writers.authorize("site", GroupCredentials{"site", "other secret"}).has_value());
  const auto status = [&](std::string_view group, std::optional<GroupCredentials> c) {
    auto r = writers.authorize(group, c);
    return r ? 0 : r.error().status;
  };
  EXPECT_EQ(status("_", std::nullopt), 401);
  EXPECT_EQ(status("_", GroupCredentials{"_", "secreT"}), 401);
  EXPECT_EQ(status("_", GroupCredentials{"_", ""}), 401);
  EXPECT_EQ(status("_", GroupCredentials{"nobody", "secret"}), 401);
  EXPECT_EQ(status("site", GroupCredentials{"_", "secret"}), 403);  // right password, other group
  EXPECT_EQ(status("new", GroupCredentials{"new", ""}), 401);       // a group without a password
}

}  // namespace
}  // namespace mytoken
