#pragma once

#include <boost/json/object.hpp>
#include <variant>

#include "domain/result.hpp"
#include "http/http_types.hpp"
#include "service/revocation/revoke_by_mom_id.hpp"
#include "service/revocation/revoke_token.hpp"

namespace mytoken {

// POST API/token/revoke (spec §11): `token` (else the `mytoken` cookie), `recursive` (a boolean, also "true"/"1"
// in a form), `oidc_issuer`, and `mom_id`: with a mom_id the token authorises the revocation of that token
// (spec §11 B), else it is itself revoked (spec §11 A). Wrong types are 400 invalid_request.
using RevocationRequest = std::variant<RevokeRequest, RevokeByMomIdRequest>;
Result<RevocationRequest> decode_revocation_request(const HttpRequest& request, const boost::json::object& body);

}  // namespace mytoken
