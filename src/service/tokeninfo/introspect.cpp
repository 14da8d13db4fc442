#include "service/tokeninfo/introspect.hpp"

#include "domain/capabilities.hpp"
#include "domain/restrictions.hpp"
#include "service/common/presented_token.hpp"
#include "service/minting/mytoken_minter.hpp"

namespace mytoken {

Result<boost::json::object> introspect(const ServiceContext& ctx, const Secret& mytoken, const CallerContext& caller) {
  auto token = validate_mytoken(ctx, mytoken, caller);
  if (!token) return token.error();
  if (!has_capability(token->claims.capabilities, capability::kTokeninfoIntrospect)) {
    return ApiError::insufficient_capabilities();
  }
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  if (auto held = hold_presented_token(**tx, *token); !held) return held.error();
  auto claims = claims_to_json(token->claims);
  if (auto it = claims.find("restrictions"); it != claims.end()) {
    auto& clauses = it->value().as_array();
    for (size_t i = 0; i < token->claims.restrictions.size() && i < clauses.size(); ++i) {
      auto counts = (*tx)->usages().counts(token->mom_id, clause_hash(token->claims.restrictions[i]));
      if (!counts) return counts.error();
      auto& clause = clauses[i].as_object();
      if (counts->at > 0) clause["usages_AT_done"] = counts->at;
      if (counts->other > 0) clause["usages_other_done"] = counts->other;
    }
  }
  if (auto r = record_event(**tx, token->mom_id, EventType::kTokeninfoIntrospect, "", ctx.clock.now(), caller); !r) {
    return r.error();
  }
  if (auto r = (*tx)->commit(); !r) return r.error();
  return boost::json::object{{"valid", true},
                             {"token_type", token->representation},
                             {"mom_id", token->mom_id.value},
                             {"token", std::move(claims)}};
}

}  // namespace mytoken
