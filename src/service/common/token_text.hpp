#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/secret.hpp"

namespace mytoken {

std::vector<std::string> split_words(std::string_view space_separated);
// `aud` of an access token that is a JWT (string or array), else empty. Read without verification: the
// token comes straight from the OP's token endpoint.
std::vector<std::string> access_token_audiences(const Secret& access_token);

}  // namespace mytoken
