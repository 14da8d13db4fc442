#include "http/request_decoding.hpp"

#include <algorithm>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>
#include <cctype>
#include <string>
#include <unordered_set>

#include "crypto/encoding.hpp"
#include "util/strings.hpp"

namespace mytoken {
namespace {

// A boost::json::basic_parser handler that builds nothing and only finds duplicate keys; the depth limit is
// enforced by the parser itself.
class DuplicateKeyFinder {
 public:
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  std::optional<std::string> duplicate;

  bool on_document_begin(boost::json::error_code&) { return true; }
  bool on_document_end(boost::json::error_code&) { return true; }
  bool on_array_begin(boost::json::error_code&) { return true; }
  bool on_array_end(std::size_t, boost::json::error_code&) { return true; }
  bool on_object_begin(boost::json::error_code&) {
    keys_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, boost::json::error_code&) {
    keys_.pop_back();
    return true;
  }
  bool on_string_part(boost::json::string_view, std::size_t, boost::json::error_code&) { return true; }
  bool on_string(boost::json::string_view, std::size_t, boost::json::error_code&) { return true; }
  bool on_key_part(boost::json::string_view s, std::size_t, boost::json::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(boost::json::string_view s, std::size_t, boost::json::error_code& ec) {
    key_.append(s.data(), s.size());
    if (!keys_.back().insert(key_).second) {
      duplicate = std::move(key_);
      ec = boost::json::error::syntax;  // stops the parser; decode_body reports `duplicate`
      return false;
    }
    key_.clear();
    return true;
  }
  bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_int64(std::int64_t, boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_uint64(std::uint64_t, boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_double(double, boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_bool(bool, boost::json::error_code&) { return true; }
  bool on_null(boost::json::error_code&) { return true; }
  bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }

 private:
  std::vector<std::unordered_set<std::string>> keys_;
  std::string key_;
};

boost::json::parse_options json_options() {
  boost::json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  return options;
}

Result<boost::json::object> decode_json(std::string_view body) {
  body = trim_whitespace(body);
  if (body.empty() || body == "null") return boost::json::object{};  // spec §1.2

  // Pass 1 validates syntax, depth and key uniqueness without allocating a DOM.
  boost::json::basic_parser<DuplicateKeyFinder> validator(json_options());
  boost::json::error_code ec;
  const std::size_t consumed = validator.write_some(false, body.data(), body.size(), ec);
  if (validator.handler().duplicate) {
    return ApiError::invalid_request("invalid JSON: duplicate key '" + *validator.handler().duplicate + "'");
  }
  if (ec == boost::json::error::too_deep) {
    return ApiError::invalid_request("invalid JSON: nesting deeper than " + std::to_string(kMaxJsonDepth));
  }
  if (ec) {
    return ApiError::invalid_request("invalid JSON: " + ec.message() + " at offset " + std::to_string(consumed));
  }

  boost::json::value value = boost::json::parse(body, ec, {}, json_options());
  if (ec) return ApiError::invalid_request("invalid JSON: " + ec.message());
  if (value.is_null()) return boost::json::object{};
  if (!value.is_object()) return ApiError::invalid_request("request body must be a JSON object");
  return std::move(value.as_object());
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> decode_form_all(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> fields;
  if (body.empty()) return fields;
  if (!boost::urls::parse_query(body)) {
    return ApiError::invalid_request("invalid form body: not application/x-www-form-urlencoded");
  }
  boost::urls::encoding_opts options;
  options.space_as_plus = true;  // '+' is a space in form bodies
  for (const auto& param : boost::urls::params_view(body, options)) {
    if (param.key.empty() && !param.has_value) continue;  // "a=1&&b=2"
    fields.emplace_back(param.key, param.value);
  }
  return fields;
}

std::string media_type(const HttpRequest& request) {
  const auto value = request.header("content-type");
  if (!value) return {};
  return ascii_lower(trim_whitespace(value->substr(0, value->find(';'))));
}

bool is_json_media_type(std::string_view type) { return type == "application/json" || type.ends_with("+json"); }

Result<boost::json::object> decode_body(const HttpRequest& request, bool form_capable) {
  if (!form_capable) return decode_json(request.body);
  const std::string type = media_type(request);
  if (type.empty() || is_json_media_type(type)) return decode_json(request.body);
  if (type != "application/x-www-form-urlencoded") {
    return ApiError::invalid_request("unsupported Content-Type '" + type + "'");
  }
  auto fields = decode_form_all(request.body);
  if (!fields) return fields.error();
  boost::json::object object;
  for (auto& [key, value] : *fields) {
    // RFC 6749 §3.1/§3.2: a parameter must not be included more than once.
    if (object.contains(key)) return ApiError::invalid_request("parameter '" + key + "' is given more than once");
    object[key] = value;
  }
  return object;
}

namespace {

// The credentials of `Authorization: <scheme> <credentials>` (scheme case-insensitive, lower-case `scheme`).
std::optional<std::string_view> authorization_of(const HttpRequest& request, std::string_view scheme) {
  const auto value = request.header("authorization");
  if (!value) return std::nullopt;
  const std::string_view header = trim_whitespace(*value);
  if (header.size() <= scheme.size() || ascii_lower(header.substr(0, scheme.size())) != scheme ||
      (header[scheme.size()] != ' ' && header[scheme.size()] != '\t')) {
    return std::nullopt;
  }
  const std::string_view credentials = trim_whitespace(header.substr(scheme.size()));
  if (credentials.empty()) return std::nullopt;
  return credentials;
}

}  // namespace

std::optional<std::string> bearer_token(const HttpRequest& request) {
  auto token = authorization_of(request, "bearer");
  return token ? std::optional<std::string>(*token) : std::nullopt;
}

std::optional<BasicCredentials> basic_credentials(const HttpRequest& request) {
  auto encoded = authorization_of(request, "basic");
  if (!encoded) return std::nullopt;
  auto decoded = base64_decode(*encoded);
  if (!decoded) return std::nullopt;
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return BasicCredentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

std::optional<std::string> cookie(const HttpRequest& request, std::string_view name) {
  for (const auto& [header_name, header_value] : request.headers) {
    if (header_name != "cookie") continue;
    std::string_view rest = header_value;
    while (!rest.empty()) {
      const auto semicolon = rest.find(';');
      const std::string_view pair = trim_whitespace(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
      const auto equals = pair.find('=');
      if (equals == std::string_view::npos || trim_whitespace(pair.substr(0, equals)) != name) continue;
      std::string_view value = trim_whitespace(pair.substr(equals + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return std::string{value};
    }
  }
  return std::nullopt;
}

}  // namespace mytoken
