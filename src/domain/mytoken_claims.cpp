#include "domain/mytoken_claims.hpp"

#include <boost/json/array.hpp>

#include "domain/json_number.hpp"
#include "domain/restrictions.hpp"

namespace mytoken {
namespace {

namespace json = boost::json;

// Reads one claim; each returns false on a wrong type. `required` claims must be present.
class ClaimReader {
 public:
  explicit ClaimReader(const json::object& o) : o_(o) {}

  bool string(std::string_view key, std::string& out, bool required = true) {
    const json::value* v = o_.if_contains(key);
    if (v == nullptr) return !required;
    if (!v->is_string()) return false;
    out = v->get_string();
    return true;
  }
  bool integer(std::string_view key, int64_t& out, bool required = true) {
    const json::value* v = o_.if_contains(key);
    if (v == nullptr) return !required;
    const auto n = domain_internal::json_int64(*v);
    if (!n || *n < 0) return false;
    out = *n;
    return true;
  }
  const json::value* optional(std::string_view key) { return o_.if_contains(key); }

 private:
  const json::object& o_;
};

}  // namespace

// Member order of the spec §4.1 example; any stable order would do (spec §20 item 20).
json::object claims_to_json(const MytokenClaims& claims) {
  json::object o;
  o["ver"] = claims.ver;
  o["token_type"] = claims.token_type;
  o["iss"] = claims.iss;
  o["sub"] = claims.sub;
  o["seq_no"] = claims.seq_no;
  if (!claims.name.empty()) o["name"] = claims.name;
  o["aud"] = claims.aud;
  o["oidc_sub"] = claims.oidc_sub;
  o["oidc_iss"] = claims.oidc_iss;
  if (!claims.restrictions.empty()) o["restrictions"] = restrictions_to_json(claims.restrictions);
  o["capabilities"] = capabilities_to_json(claims.capabilities);
  if (claims.rotation) o["rotation"] = rotation_to_json(*claims.rotation);
  if (claims.exp != 0) o["exp"] = claims.exp;
  o["nbf"] = claims.nbf;
  o["iat"] = claims.iat;
  if (claims.auth_time != 0) o["auth_time"] = claims.auth_time;
  o["jti"] = claims.jti;
  return o;
}

Result<MytokenClaims> claims_from_json(const json::object& payload) {
  const auto malformed = [] { return ApiError::invalid_token("malformed token claims"); };
  MytokenClaims c;
  ClaimReader read(payload);
  const bool ok = read.string("ver", c.ver) && read.string("token_type", c.token_type) && read.string("iss", c.iss) &&
                  read.string("sub", c.sub) && read.string("aud", c.aud) && read.string("jti", c.jti) &&
                  read.integer("seq_no", c.seq_no) && read.integer("iat", c.iat) && read.integer("nbf", c.nbf) &&
                  read.integer("exp", c.exp, false) && read.integer("auth_time", c.auth_time, false) &&
                  read.string("name", c.name, false) && read.string("oidc_sub", c.oidc_sub) &&
                  read.string("oidc_iss", c.oidc_iss);
  if (!ok) return malformed();
  // Absent capabilities = none: such a token can do nothing (spec §8.2), which is the safe reading.
  if (const auto* v = read.optional("capabilities")) {
    if (!v->is_array()) return malformed();
    for (const auto& e : v->get_array()) {
      if (!e.is_string()) return malformed();
      c.capabilities.emplace_back(e.get_string());
    }
  }
  if (const auto* v = read.optional("restrictions")) {
    auto r = restrictions_from_json(*v);
    if (!r) return malformed();
    c.restrictions = std::move(*r);
  }
  if (const auto* v = read.optional("rotation")) {
    auto r = parse_rotation(*v);
    if (!r) return malformed();
    c.rotation = *r;
  }
  return c;
}

}  // namespace mytoken
