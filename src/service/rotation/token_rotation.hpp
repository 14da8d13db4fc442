#pragma once

#include <memory>

#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "service/common/presented_token.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/mytoken_response.hpp"

namespace mytoken {

enum class UseKind { kAccessToken, kOther };

// Rotates the presented token inside `tx` if its policy asks for it on this kind of use (spec §9): seq_no + 1
// (compare-and-swap, so two concurrent uses cannot both rotate), the family key re-wrapped under the new JWT
// (the old JWT can no longer unwrap it), event token_rotated. Returns the token_update, or nullptr if no
// rotation was due or a concurrent request rotated first.
Result<std::shared_ptr<MytokenResponse>> rotate_if_due(Transaction& tx, const ServiceContext& ctx,
                                                       const PresentedToken& token, UseKind use,
                                                       const CallerContext& caller);

}  // namespace mytoken
