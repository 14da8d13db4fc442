#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/mytoken_response.hpp"

namespace mytoken {

// POST API/tokeninfo action=event_history (spec §10).
struct EventHistoryRequest {
  Secret mytoken;
  // nullopt or empty: the presented token's own history. Else each entry is a mom_id, "this", "children" (all
  // descendants of the presented token) or "children@<mom_id>" (all descendants of that token).
  std::optional<std::vector<std::string>> mom_ids;
};

struct EventHistory {
  std::vector<EventRow> events;  // newest first over all requested tokens
  std::shared_ptr<MytokenResponse> token_update;
};

// Fixes of spec §21 item 6: every request needs tokeninfo:history or manage_mytokens:history, also with
// `mom_ids`; per target, the presented token and its descendants need either, any other token of the user
// `manage_mytokens:history`
// (else 403 insufficient_capabilities) — and "this"/"children" are resolved before the same-user check, so they
// never fail it. A target of another user or an unknown mom_id → 403 invalid_grant "The provided token cannot
// be used to obtain history for mom_id '<id>'". An "other" use; event tokeninfo_history (own history only) or
// tokeninfo_history_other_token.
Result<EventHistory> event_history(const ServiceContext& ctx, const EventHistoryRequest& request,
                                   const CallerContext& caller);

// {"events":[{"event","time","comment"?,"ip"?,"user_agent"?,"mom_id"}],"token_update"?}
boost::json::object to_json(const EventHistory& history);

}  // namespace mytoken
