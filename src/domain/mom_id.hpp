#pragma once

#include <compare>
#include <string>

namespace mytoken {

// The public id of a mytoken: base64std(SHA-512(16 raw UUID bytes of the jti)) (spec §4.2). Not secret.
struct MomId {
  std::string value;
  auto operator<=>(const MomId&) const = default;
};

}  // namespace mytoken
