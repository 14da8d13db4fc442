#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mytoken {

// The 50-letter alphabet of short tokens and codes: no digits, no 'l', no 'I' (spec §4.5).
inline constexpr std::string_view kCodeAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNOPQRSTUVWXYZ";

class Random {
 public:
  Random() = default;
  Random(const Random&) = delete;
  Random& operator=(const Random&) = delete;
  virtual ~Random() = default;
  virtual std::string bytes(size_t n) = 0;                                 // raw bytes; thread-safe
  virtual std::string code(size_t length, std::string_view alphabet) = 0;  // unbiased choice per character
  virtual std::string uuid4() = 0;                                         // canonical text form
};

}  // namespace mytoken
