#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mytoken {

std::string base64url_encode(std::string_view bytes);                // no padding
std::optional<std::string> base64url_decode(std::string_view text);  // rejects padding and foreign characters
std::string base64_encode(std::string_view bytes);                   // standard alphabet, padded
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace mytoken
