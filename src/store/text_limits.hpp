#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mytoken {

// Longest event comment kept by a store, in characters (spec §17: comment(100)).
inline constexpr size_t kMaxEventCommentChars = 100;

// The first `max_chars` characters (Unicode code points) of UTF-8 `text`. Never cuts inside a multibyte
// sequence; bytes of invalid UTF-8 are counted as they come (a stray continuation byte stays with its
// predecessor). Shared by every store backend.
std::string truncate_utf8(std::string_view text, size_t max_chars);

}  // namespace mytoken
