#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "domain/event_type.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/common/presented_token.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/mytoken_response.hpp"

namespace mytoken {

// The body of a tokeninfo action: runs inside the write transaction, may fail (nothing is then counted or
// logged) and returns the type of the event to record for the presented token.
using TokeninfoAction = std::function<Result<EventType>(Transaction& tx, const PresentedToken& token)>;

// Every tokeninfo action but introspect is an "other" use, and all of them are treated alike (spec §21 item 6,
// fixing §20 item 6): validate the token (spec §4.3), check that it has one of `capabilities` (403), select
// the clause (403 usage_restricted) — then, in one write transaction: the action, one usages_other
// through the clause, rotation if the token's policy says on_other, the event. Returns the token_update or
// nullptr. Restricted and unrestricted tokens take the same path.
Result<std::shared_ptr<MytokenResponse>> run_tokeninfo_other_use(const ServiceContext& ctx, const Secret& mytoken,
                                                                 std::initializer_list<std::string_view> capabilities,
                                                                 const CallerContext& caller,
                                                                 const TokeninfoAction& action);

}  // namespace mytoken
