#pragma once

#include <boost/json/object.hpp>
#include <initializer_list>
#include <string_view>

#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "http/http_types.hpp"

namespace mytoken {

// The mytoken of a request (spec §1.3): body `mytoken`, then extra body keys in order, then Bearer, then cookie;
// empty if none. 400 invalid_request if one of the body members is not a string.
Result<Secret> presented_mytoken(const HttpRequest& request, const boost::json::object& body,
                                 std::initializer_list<std::string_view> extra_keys = {});

}  // namespace mytoken
