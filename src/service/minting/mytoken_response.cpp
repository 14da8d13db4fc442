#include "service/minting/mytoken_response.hpp"

#include "domain/restrictions.hpp"

namespace mytoken {

boost::json::object to_json(const MytokenResponse& r) {
  boost::json::object o;
  if (!r.mytoken.empty()) o["mytoken"] = r.mytoken.reveal();
  o["mytoken_type"] = r.mytoken_type;
  if (!r.transfer_code.empty()) o["transfer_code"] = r.transfer_code.reveal();
  o["mom_id"] = r.mom_id.value;
  if (r.expires_in > 0) o["expires_in"] = r.expires_in;
  if (!r.restrictions.empty()) o["restrictions"] = restrictions_to_json(r.restrictions);
  if (!r.capabilities.empty()) o["capabilities"] = capabilities_to_json(r.capabilities);
  if (r.rotation && !r.rotation->empty()) o["rotation"] = rotation_to_json(*r.rotation);
  if (r.token_update) o["token_update"] = to_json(*r.token_update);
  return o;
}

}  // namespace mytoken
