#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string_view>

namespace mytoken::client {

// A numeric member of a server answer as an integer; 0 if absent or not a number. Lenient on purpose: the
// client shows what a server sent and must not fail on an unexpected number type.
inline int64_t int_member(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr) return 0;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) return static_cast<int64_t>(v->get_uint64());
  if (v->is_double()) return static_cast<int64_t>(v->get_double());
  return 0;
}

}  // namespace mytoken::client
