#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string_view>

#include "domain/result.hpp"
#include "service/minting/mint_subtoken.hpp"

namespace mytoken {

// The members of a sub-token request (POST API/token/my grant_type=mytoken and POST /c, spec §5.1, §5.5), after
// template resolution; `parent` is left empty. Restriction times are resolved against `now` and host "this"
// becomes `caller_ip`. Every member is validated: wrong types, unknown capabilities, malformed
// hosts/CIDRs/country codes/times, names over 100 characters → 400 invalid_request. Unknown members are ignored.
Result<SubtokenRequest> decode_subtoken_request(const boost::json::object& body, int64_t now,
                                                std::string_view caller_ip);

}  // namespace mytoken
