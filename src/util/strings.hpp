#pragma once

#include <string>
#include <string_view>

namespace mytoken {

// ASCII-only text helpers for protocol tokens (header values, media types, URL schemes); not for user text.
std::string ascii_lower(std::string_view s);
// `s` without leading and trailing spaces, tabs, CRs and LFs.
std::string_view trim_whitespace(std::string_view s);
// The number of characters (code points) in valid UTF-8 `s`: the bytes that do not continue a sequence.
size_t utf8_length(std::string_view s);

}  // namespace mytoken
