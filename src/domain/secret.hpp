#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace mytoken {

// A mytoken, refresh token, access token, code or key. Deliberately no operator<<, no fmt formatter and no
// implicit conversion, so it cannot end up in a log line by accident; every reveal() is a reviewed use.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::string value) : value_(std::move(value)) {}
  std::string_view reveal() const { return value_; }
  const std::string& reveal_string() const { return value_; }
  bool empty() const { return value_.empty(); }
  bool operator==(const Secret&) const = default;

 private:
  std::string value_;
};

}  // namespace mytoken
