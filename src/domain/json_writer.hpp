#pragma once

#include <boost/json/value.hpp>
#include <string>

// Internal to src/domain.
namespace mytoken::domain_internal {

enum class JsonEscaping {
  // Like Go's encoding/json: UTF-8 kept, '<' '>' '&' U+2028 U+2029 escaped. Used for clause hashes, so they
  // match the reference server's hashes for ordinary clauses (spec §6.4).
  kGo,
  // ASCII only: additionally '?', '~', DEL and every non-ASCII character escaped (spec §21 item 20).
  kAsciiSafe,
};

// Compact JSON (no whitespace), object members in insertion order. Invalid UTF-8 becomes \ufffd.
std::string write_json(const boost::json::value& value, JsonEscaping escaping);

}  // namespace mytoken::domain_internal
