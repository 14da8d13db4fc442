#include "http/routes/api_routes.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "http/request_decoding.hpp"
#include "http/responses.hpp"
#include "http/routes/html_pages.hpp"
#include "http/routes/route_helpers.hpp"
#include "service/introspect.hpp"
#include "service/login_flow.hpp"
#include "service/revoke_token.hpp"

namespace mytoken {
namespace {

constexpr int kStatusForward = 278;  // spec §1.4: "OK, forward" — the browser JS navigates to the URL

HttpResponse json_ok(boost::json::object body) { return json_response(200, body); }

// grant_type from the query takes precedence over the body (spec §5).
Result<std::string> grant_type_of(const HttpRequest& request, const boost::json::object& body) {
  if (auto q = request.query_param("grant_type"); q && !q->empty()) return *q;
  return string_member(body, "grant_type");
}

HttpResponse handle_mytoken(const RouteDeps& deps, HttpRequest& request) {
  auto body = decode_body(request, /*form_capable=*/false);
  if (!body) return error_response(body.error());
  auto grant = grant_type_of(request, *body);
  if (!grant) return error_response(grant.error());
  const auto caller = caller_of(request);
  if (*grant == "oidc_flow") {
    auto started = start_login(deps.ctx, *body, caller);
    if (!started) return error_response(started.error());
    return json_ok({{"consent_uri", started->consent_uri},
                    {"polling_code", started->polling_code.reveal()},
                    {"expires_in", started->expires_in},
                    {"interval", started->interval}});
  }
  if (*grant == "polling_code") {
    auto code = string_member(*body, "polling_code");
    if (!code) return error_response(code.error());
    auto polled = poll_login(deps.ctx, Secret(std::move(*code)), caller);
    if (!polled) return error_response(polled.error());
    auto response = json_ok(to_json(*polled));
    response.log_mom_id = polled->mom_id.value;
    return response;
  }
  return error_response(ApiError::unsupported_grant_type());
}

Result<AccessTokenRequest> decode_access_token_request(const HttpRequest& request, const boost::json::object& body) {
  auto grant = string_member(body, "grant_type");
  if (!grant) return grant.error();
  if (*grant != "mytoken" && *grant != "refresh_token") return ApiError::unsupported_grant_type();
  AccessTokenRequest r;
  auto token = presented_mytoken(request, body, {"refresh_token"});
  if (!token) return token.error();
  r.mytoken = std::move(*token);
  // spec §21 item 17: `issuer` (form) and `oidc_issuer` (JSON); `resource` (RFC 8707) aliases `audience`.
  for (auto key : {"oidc_issuer", "issuer"}) {
    auto issuer = string_member(body, key);
    if (!issuer) return issuer.error();
    if (!issuer->empty()) r.oidc_issuer = std::move(*issuer);
  }
  auto scopes = word_list_member(body, "scope");
  if (!scopes) return scopes.error();
  r.scopes = std::move(*scopes);
  for (auto key : {"audience", "resource"}) {
    auto audiences = word_list_member(body, key);
    if (!audiences) return audiences.error();
    r.audiences.insert(r.audiences.end(), audiences->begin(), audiences->end());
  }
  auto comment = string_member(body, "comment");
  if (!comment) return comment.error();
  r.comment = std::move(*comment);
  return r;
}

HttpResponse handle_access_token(const RouteDeps& deps, HttpRequest& request) {
  auto body = decode_body(request, /*form_capable=*/true);
  if (!body) return error_response(body.error());
  auto decoded = decode_access_token_request(request, *body);
  if (!decoded) return error_response(decoded.error());
  auto result = deps.issue_access_token.run(*decoded, caller_of(request));
  if (!result) return error_response(result.error());
  boost::json::object out{{"access_token", result->access_token.reveal()},
                          {"token_type", result->token_type},
                          {"expires_in", result->expires_in}};
  if (!result->scope.empty()) out["scope"] = result->scope;
  if (!result->audience.empty()) {
    boost::json::array auds;
    for (const auto& a : result->audience) auds.emplace_back(a);
    out["audience"] = std::move(auds);
  }
  if (result->token_update) {
    out["token_update"] = to_json(*result->token_update);
    // spec §21: OAuth clients such as oidc-agent keep only a top-level refresh_token.
    out["refresh_token"] = result->token_update->mytoken.reveal();
  }
  return json_ok(std::move(out));
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

HttpResponse handle_revoke(const RouteDeps& deps, HttpRequest& request) {
  auto body = decode_body(request, /*form_capable=*/true);
  if (!body) return error_response(body.error());
  RevokeRequest r;
  auto token = string_member(*body, "token");
  if (!token) return error_response(token.error());
  r.token = Secret(std::move(*token));
  if (r.token.empty()) {
    if (auto c = cookie(request, "mytoken")) r.token = Secret(std::string(*c));
  }
  auto recursive = bool_member(*body, "recursive");
  if (!recursive) return error_response(recursive.error());
  r.recursive = *recursive;
  auto issuer = string_member(*body, "oidc_issuer");
  if (!issuer) return error_response(issuer.error());
  r.oidc_issuer = std::move(*issuer);
  auto mom_id = string_member(*body, "mom_id");
  if (!mom_id) return error_response(mom_id.error());
  if (!mom_id->empty()) {
    return error_response(ApiError::invalid_request("revocation by mom_id is not supported by this server yet"));
  }
  if (auto result = revoke_token(deps.ctx, r, caller_of(request)); !result) return error_response(result.error());
  return empty_response(204);
}

HttpResponse handle_tokeninfo(const RouteDeps& deps, HttpRequest& request) {
  auto body = decode_body(request, /*form_capable=*/false);
  if (!body) return error_response(body.error());
  auto action = string_member(*body, "action");
  if (!action) return error_response(action.error());
  // spec §21 item 6: a missing action is an error, not an implicit introspection.
  if (action->empty()) return error_response(ApiError::invalid_request("required parameter 'action' missing"));
  if (*action != "introspect") {
    return error_response(ApiError::invalid_request("unsupported action '" + *action + "'"));
  }
  auto token = presented_mytoken(request, *body);
  if (!token) return error_response(token.error());
  auto result = introspect(deps.ctx, *token, caller_of(request));
  if (!result) return error_response(result.error());
  return json_ok(std::move(*result));
}

// Percent-encodes the application name a service appended to a page path.
std::string with_application(std::string page) {
  auto q = page.find("?application=");
  if (q == std::string::npos) return page;
  auto name = page.substr(q + 13);
  page.resize(q + 13);
  return page + boost::urls::encode(name, boost::urls::unreserved_chars);
}

HttpResponse html_error(const ApiError& e) {
  const auto text = e.description.empty() ? e.error : e.error + ": " + e.description;
  return html_response(e.status, message_page("mytoken: error", text));
}

HttpResponse handle_consent_page(const RouteDeps& deps, HttpRequest& request) {
  const Secret code(std::string(request.path_param("code").value_or("")));
  auto login = show_consent(deps.ctx, code);
  if (!login) return html_error(login.error());
  return html_response(200, consent_page(*login, request.path));
}

bool is_blank(std::string_view body) { return body.find_first_not_of(" \t\r\n") == std::string_view::npos; }

HttpResponse handle_consent_decision(const RouteDeps& deps, HttpRequest& request) {
  const Secret code(std::string(request.path_param("code").value_or("")));
  if (is_blank(request.body)) {  // spec §5.3: an empty body declines
    auto page = decline_consent(deps.ctx, code);
    if (!page) return error_response(page.error());
    return json_response(kStatusForward, boost::json::object{{"url", with_application(*page)}});
  }
  auto body = decode_body(request, /*form_capable=*/false);
  if (!body) return error_response(body.error());
  auto url = approve_consent(deps.ctx, code, *body, caller_of(request));
  if (!url) return error_response(url.error());
  return json_response(kStatusForward, boost::json::object{{"authorization_uri", *url}});
}

HttpResponse handle_redirect(const RouteDeps& deps, HttpRequest& request) {
  OpCallback callback{Secret(request.query_param("code").value_or("")),
                      Secret(request.query_param("state").value_or("")), request.query_param("error").value_or(""),
                      request.query_param("error_description").value_or("")};
  auto page = complete_login(deps.ctx, callback, caller_of(request));
  if (!page) return html_error(page.error());
  return redirect_response(303, with_application(*page));
}

HttpResponse handle_native(HttpRequest& request, bool aborted) {
  auto app = request.query_param("application").value_or("");
  std::string message = aborted ? "The request was declined. You can close this window."
                                : "The login is complete. You can close this window and return to " +
                                      (app.empty() ? std::string("your application") : app) + ".";
  return html_response(200, message_page(aborted ? "mytoken: declined" : "mytoken: done", message));
}

}  // namespace

void register_api_routes(Router& router, const RouteDeps& deps) {
  const auto* d = &deps;
  for (const char* path : {"/.well-known/mytoken-configuration", "/.well-known/openid-configuration"}) {
    router.add("GET", path, [d](HttpRequest&) { return json_response(200, d->discovery); });
  }
  router.add("GET", "/jwks", [d](HttpRequest&) { return json_response(200, d->jwks); });
  router.add("POST", "/api/v0/token/my", [d](HttpRequest& r) { return handle_mytoken(*d, r); });
  router.add("POST", "/api/v0/token/access", [d](HttpRequest& r) { return handle_access_token(*d, r); });
  router.add("POST", "/api/v0/token/revoke", [d](HttpRequest& r) { return handle_revoke(*d, r); });
  router.add("POST", "/api/v0/tokeninfo", [d](HttpRequest& r) { return handle_tokeninfo(*d, r); });
  router.add("GET", "/c/{code}", [d](HttpRequest& r) { return handle_consent_page(*d, r); });
  router.add("POST", "/c/{code}", [d](HttpRequest& r) { return handle_consent_decision(*d, r); });
  router.add("GET", "/redirect", [d](HttpRequest& r) { return handle_redirect(*d, r); });
  router.add("GET", "/native", [](HttpRequest& r) { return handle_native(r, false); });
  router.add("GET", "/native/abort", [](HttpRequest& r) { return handle_native(r, true); });
}

}  // namespace mytoken
