#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.hpp"
#include "http/http_types.hpp"

namespace mytoken {

// Nesting limit of request JSON; deeper bodies are rejected with 400 before a DOM is built.
inline constexpr std::size_t kMaxJsonDepth = 32;

// The request body as a JSON object (spec §1.1, §1.2).
// - A missing Content-Type means JSON; endpoints that are not `form_capable` parse the body as JSON whatever the
//   Content-Type says (as the reference server does).
// - An empty body, one of only whitespace, or the literal `null` is an empty object (the Go library's GETs).
// - `application/x-www-form-urlencoded` (only if `form_capable`) becomes an object of strings; a key
//   given twice is refused (RFC 6749 §3.1/§3.2).
// - Fails with 400 invalid_request and a parser message for malformed JSON or form bodies, a JSON value that is
//   not an object, nesting deeper than kMaxJsonDepth, an object with a duplicate key (rejected: which copy wins
//   differs between parsers, and a proxy and this server must never disagree about a request), and, on
//   form-capable endpoints, any other Content-Type.
Result<boost::json::object> decode_body(const HttpRequest& request, bool form_capable);

// The request's media type, lower-case and without parameters ("Application/JSON; charset=utf-8" ->
// "application/json"); empty without a Content-Type.
std::string media_type(const HttpRequest& request);
// application/json or a structured "+json" type (RFC 6839).
bool is_json_media_type(std::string_view type);

// Every key/value pair of an `application/x-www-form-urlencoded` body, percent- and '+'-decoded, in order.
// Fails with 400 invalid_request for a malformed body.
Result<std::vector<std::pair<std::string, std::string>>> decode_form_all(std::string_view body);

// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, spec §1.3); nullopt if the
// header is absent, uses another scheme, or carries an empty token.
std::optional<std::string> bearer_token(const HttpRequest& request);

// The user and password of an `Authorization: Basic <base64(user:password)>` header (RFC 7617); nullopt if it is
// absent, uses another scheme, or is not base64 of a text with a colon.
struct BasicCredentials {
  std::string user;
  std::string password;
};
std::optional<BasicCredentials> basic_credentials(const HttpRequest& request);

// The value of cookie `name` from the Cookie header(s) (surrounding double quotes removed), if present.
std::optional<std::string> cookie(const HttpRequest& request, std::string_view name);

}  // namespace mytoken
