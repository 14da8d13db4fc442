#include "service/tokeninfo/tokeninfo_event_history.hpp"

#include <algorithm>
#include <boost/json/array.hpp>

#include "domain/capabilities.hpp"
#include "domain/token_tree.hpp"
#include "service/tokeninfo/tokeninfo_other_use.hpp"

namespace mytoken {
namespace {

constexpr std::string_view kChildrenOf = "children@";

ApiError not_this_users(const std::string& id) {
  return {"invalid_grant", "The provided token cannot be used to obtain history for mom_id '" + id + "'", 403, {}};
}

// Resolves the requested entries to mom_ids of the presented token's user, checking capabilities on the way.
class TargetResolver {
 public:
  TargetResolver(const PresentedToken& token, const std::vector<TokenRow>& rows) : token_(token), rows_(rows) {}

  Result<void> add(const std::string& entry) {
    if (entry == "this") return add_target(token_.mom_id, Part::kSelf);
    if (entry == "children") return add_target(token_.mom_id, Part::kDescendants);
    if (entry.starts_with(kChildrenOf)) return add_target(MomId{entry.substr(kChildrenOf.size())}, Part::kDescendants);
    return add_target(MomId{entry}, Part::kSelf);
  }

  const std::vector<MomId>& targets() const { return targets_; }
  bool only_self() const { return targets_.size() == 1 && targets_.front() == token_.mom_id; }

 private:
  enum class Part { kSelf, kDescendants };

  bool has(std::string_view capability) const { return has_capability(token_.claims.capabilities, capability); }

  // The presented token's own subtree needs tokeninfo:history (or the wider manage_mytokens:history); any other
  // token of the same user manage_mytokens:history.
  Result<void> add_target(const MomId& id, Part part) {
    if (is_self_or_descendant(rows_, token_.mom_id, id)) {
      if (!has(capability::kTokeninfoHistory) && !has(capability::kManageHistory)) {
        return ApiError::insufficient_capabilities();
      }
    } else {
      if (!has(capability::kManageHistory)) return ApiError::insufficient_capabilities();
      const bool same_user =
          std::any_of(rows_.begin(), rows_.end(), [&](const TokenRow& row) { return row.mom_id == id; });
      if (!same_user) return not_this_users(id.value);
    }
    if (part == Part::kSelf) {
      push(id);
    } else {
      for (auto& d : descendants_of(rows_, id)) push(std::move(d));
    }
    return {};
  }

  void push(MomId id) {
    if (std::find(targets_.begin(), targets_.end(), id) == targets_.end()) targets_.push_back(std::move(id));
  }

  const PresentedToken& token_;
  const std::vector<TokenRow>& rows_;
  std::vector<MomId> targets_;
};

}  // namespace

Result<EventHistory> event_history(const ServiceContext& ctx, const EventHistoryRequest& request,
                                   const CallerContext& caller) {
  const bool own_only = !request.mom_ids || request.mom_ids->empty();
  EventHistory result;
  auto update =
      run_tokeninfo_other_use(ctx, request.mytoken, {capability::kTokeninfoHistory, capability::kManageHistory}, caller,
                              [&](Transaction& tx, const PresentedToken& token) -> Result<EventType> {
                                std::vector<MomId> targets{token.mom_id};
                                bool other = false;
                                if (!own_only) {
                                  auto rows = tx.tokens().of_user(token.row.user_id);
                                  if (!rows) return rows.error();
                                  TargetResolver resolver(token, *rows);
                                  for (const auto& entry : *request.mom_ids) {
                                    if (auto r = resolver.add(entry); !r) return r.error();
                                  }
                                  targets = resolver.targets();
                                  other = !resolver.only_self();
                                }
                                for (const auto& id : targets) {
                                  auto events = tx.events().of_token(id);
                                  if (!events) return events.error();
                                  result.events.insert(result.events.end(), events->begin(), events->end());
                                }
                                // Each token's list is newest first already; a stable sort keeps that order within one
                                // second.
                                std::stable_sort(result.events.begin(), result.events.end(),
                                                 [](const EventRow& a, const EventRow& b) { return a.time > b.time; });
                                return other ? EventType::kTokeninfoHistoryOtherToken : EventType::kTokeninfoHistory;
                              });
  if (!update) return update.error();
  result.token_update = std::move(*update);
  return result;
}

boost::json::object to_json(const EventHistory& history) {
  boost::json::array events;
  for (const auto& e : history.events) {
    boost::json::object o{{"event", e.event}, {"time", e.time}};
    if (!e.comment.empty()) o["comment"] = e.comment;
    if (!e.ip.empty()) o["ip"] = e.ip;
    if (!e.user_agent.empty()) o["user_agent"] = e.user_agent;
    o["mom_id"] = e.mom_id.value;
    events.emplace_back(std::move(o));
  }
  boost::json::object out{{"events", std::move(events)}};
  if (history.token_update) out["token_update"] = to_json(*history.token_update);
  return out;
}

}  // namespace mytoken
