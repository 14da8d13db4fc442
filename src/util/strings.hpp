#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mytoken {

// ASCII-only text helpers for protocol tokens (header values, media types, URL schemes, host names, country
// codes); not for user text: bytes outside A-Z/a-z are left as they are.
std::string ascii_lower(std::string_view s);
std::string ascii_upper(std::string_view s);
// Whether `a` and `b` are equal ignoring ASCII case (HTTP header names and values, "this" in host lists).
bool ascii_iequals(std::string_view a, std::string_view b);
// `s` without leading and trailing spaces, tabs, CRs and LFs.
std::string_view trim_whitespace(std::string_view s);
// The number of characters (code points) in valid UTF-8 `s`: the bytes that do not continue a sequence.
size_t utf8_length(std::string_view s);
// `parts` with `separator` between each two: {"a","b"} -> "a<sep>b", {} -> "". Empty parts are kept (callers
// that must skip them filter first).
std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace mytoken
