#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace mytoken {

// Typed members of a decoded request body (http/request_decoding.hpp). A member that is absent or null counts
// as not given; one of another type is 400 invalid_request "<key> must be ...".

// The member's value, nullptr if it is absent or null.
const boost::json::value* member(const boost::json::object& body, std::string_view key);
// A string member; "" if not given.
Result<std::string> string_member(const boost::json::object& body, std::string_view key);
// A string member; nullopt if not given (an empty string is given).
Result<std::optional<std::string>> optional_string_member(const boost::json::object& body, std::string_view key);
// A boolean member, false if not given; form bodies may carry "true"/"false"/"1"/"0"/"".
Result<bool> bool_member(const boost::json::object& body, std::string_view key);
// A space-separated string or an array of such strings (audiences are sent both ways); empty if not given.
Result<std::vector<std::string>> word_list_member(const boost::json::object& body, std::string_view key);

}  // namespace mytoken
