#include "http/routes/route_helpers.hpp"

#include "domain/templates/template_resolution.hpp"
#include "http/request_decoding.hpp"
#include "service/token_text.hpp"

namespace mytoken {

CallerContext caller_of(const HttpRequest& request) {
  return {request.client_ip, std::string(request.header("user-agent").value_or("")).substr(0, 200)};
}

Result<std::string> string_member(const boost::json::object& body, std::string_view key) {
  auto it = body.find(key);
  if (it == body.end() || it->value().is_null()) return std::string();
  if (!it->value().is_string()) return ApiError::invalid_request(std::string(key) + " must be a string");
  return std::string(it->value().as_string());
}

Result<Secret> presented_mytoken(const HttpRequest& request, const boost::json::object& body,
                                 std::initializer_list<std::string_view> extra_keys) {
  auto from_body = string_member(body, "mytoken");
  if (!from_body) return from_body.error();
  if (!from_body->empty()) return Secret(std::move(*from_body));
  for (auto key : extra_keys) {
    auto value = string_member(body, key);
    if (!value) return value.error();
    if (!value->empty()) return Secret(std::move(*value));
  }
  if (auto bearer = bearer_token(request); bearer && !bearer->empty()) return Secret(std::string(*bearer));
  if (auto c = cookie(request, "mytoken"); c && !c->empty()) return Secret(std::string(*c));
  return Secret();
}

Result<std::vector<std::string>> word_list_member(const boost::json::object& body, std::string_view key) {
  auto it = body.find(key);
  if (it == body.end() || it->value().is_null()) return std::vector<std::string>();
  if (it->value().is_string()) return split_words(it->value().as_string());
  if (it->value().is_array()) {
    std::vector<std::string> out;
    for (const auto& v : it->value().as_array()) {
      if (!v.is_string()) return ApiError::invalid_request(std::string(key) + " must hold strings");
      for (auto& w : split_words(v.as_string())) out.push_back(std::move(w));
    }
    return out;
  }
  return ApiError::invalid_request(std::string(key) + " must be a string or an array of strings");
}

Result<bool> bool_member(const boost::json::object& body, std::string_view key) {
  auto it = body.find(key);
  if (it == body.end() || it->value().is_null()) return false;
  if (it->value().is_bool()) return it->value().as_bool();
  if (it->value().is_string()) {  // form bodies carry strings
    const auto& s = it->value().as_string();
    if (s == "true" || s == "1") return true;
    if (s == "false" || s == "0" || s.empty()) return false;
  }
  return ApiError::invalid_request(std::string(key) + " must be a boolean");
}

Result<boost::json::object> with_templates_resolved(const RouteDeps& deps, const boost::json::object& body) {
  if (deps.ctx.templates == nullptr) return body;
  auto catalogue = deps.ctx.templates->current();
  if (!catalogue) return catalogue.error();
  return resolve_request_templates(*catalogue, body);
}

}  // namespace mytoken
