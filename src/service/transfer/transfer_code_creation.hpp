#pragma once

#include <memory>

#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/mytoken_response.hpp"
#include "service/transfer/transfer_code.hpp"

namespace mytoken {

struct CreatedTransferCode {
  IssuedTransferCode code;
  std::shared_ptr<MytokenResponse> token_update;  // the presented token rotated (on_other)
};

// POST API/token/transfer (spec §5.6 with §21 item 7): the presented mytoken must be valid and this counts as an
// "other" use (restriction clause, usages_other, rotation on_other). The code carries the token in the
// representation it was presented in — after this request's own rotation, if any, so the receiver gets the
// current token. 401 invalid_token if a concurrent use rotated the token first (the code would carry a dead one).
Result<CreatedTransferCode> create_transfer_code_for_token(const ServiceContext& ctx, const Secret& mytoken,
                                                           const CallerContext& caller);

}  // namespace mytoken
