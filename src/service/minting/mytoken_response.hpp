#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "domain/capabilities.hpp"
#include "domain/mom_id.hpp"
#include "domain/restriction_clause.hpp"
#include "domain/rotation.hpp"
#include "domain/secret.hpp"

namespace mytoken {

// The MytokenResponse object (spec §5.7).
struct MytokenResponse {
  Secret mytoken;                      // JWT or short token; empty for transfer codes
  std::string mytoken_type = "token";  // token | short_token | transfer_code
  Secret transfer_code;
  MomId mom_id;
  int64_t expires_in = 0;
  Restrictions restrictions;
  Capabilities capabilities;
  std::optional<Rotation> rotation;
  std::shared_ptr<MytokenResponse> token_update;  // the presented token rotated
};

boost::json::object to_json(const MytokenResponse& response);

}  // namespace mytoken
