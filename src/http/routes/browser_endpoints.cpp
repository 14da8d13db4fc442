#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "http/decoders/login_request_decoding.hpp"
#include "http/decoders/subtoken_request_decoding.hpp"
#include "http/request_decoding.hpp"
#include "http/request_origin.hpp"
#include "http/responses.hpp"
#include "http/routes/consent_script.hpp"
#include "http/routes/endpoints.hpp"
#include "http/routes/html_pages.hpp"
#include "http/routes/route_helpers.hpp"
#include "service/login/login_flow.hpp"
#include "service/login/subtoken_consent.hpp"

namespace mytoken {
namespace {

constexpr int kStatusForward = 278;  // spec §1.4: "OK, forward" — the browser JS navigates to the URL

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
  auto page = message_page("mytoken: error", text);
  // The operator's help text (enforced restrictions) is HTML from the config, shown as written.
  if (!e.html_detail.empty()) page.insert(page.rfind("</body>"), "<div class=\"help\">" + e.html_detail + "</div>");
  auto response = html_response(e.status, page);
  if (e.retry_after > 0) set_header(response, "Retry-After", std::to_string(e.retry_after));
  return response;
}

bool is_blank(std::string_view body) { return body.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// A consent decision comes only from the consent page itself (spec §21): never from another site (a browser says
// so in Origin / Sec-Fetch-Site), and only as JSON, which a cross-site HTML form cannot send. An empty decline
// may come without a Content-Type.
std::optional<ApiError> refuse_foreign_decision(const RouteDeps& deps, const HttpRequest& request) {
  if (is_cross_site_request(request, deps.ctx.options.issuer)) {
    return ApiError::access_denied("a consent decision must come from the consent page", 403);
  }
  const auto type = media_type(request);
  if (is_json_media_type(type) || (type.empty() && is_blank(request.body))) return std::nullopt;
  return ApiError::unsupported_media_type("a consent decision must be application/json");
}

}  // namespace

HttpResponse handle_consent_page(const RouteDeps& deps, HttpRequest& request) {
  const Secret code(std::string(request.path_param("code").value_or("")));
  auto login = show_consent(deps.ctx, code, caller_of(request));
  if (!login) return html_error(login.error());
  return html_response(200, consent_page(*login));
}

HttpResponse handle_consent_decision(const RouteDeps& deps, HttpRequest& request) {
  if (auto refused = refuse_foreign_decision(deps, request)) return error_response(*refused);
  const Secret code(std::string(request.path_param("code").value_or("")));
  if (is_blank(request.body)) {  // spec §5.3: an empty body declines
    auto page = decline_consent(deps.ctx, code, caller_of(request));
    if (!page) return error_response(page.error());
    return json_response(kStatusForward, boost::json::object{{"url", with_application(*page)}});
  }
  auto body = decode_body(request, /*form_capable=*/false);
  if (!body) return error_response(body.error());
  const auto caller = caller_of(request);
  // Decoded before the code is looked up; approve_consent answers for the code first.
  auto url =
      approve_consent(deps.ctx, code, decode_login_request_edits(*body, deps.ctx.clock.now(), caller.ip), caller);
  if (!url) return error_response(url.error());
  return json_response(kStatusForward, boost::json::object{{"authorization_uri", *url}});
}

HttpResponse handle_subtoken_consent(const RouteDeps& deps, HttpRequest& request) {
  auto decoded = decode_body(request, /*form_capable=*/false);
  if (!decoded) return error_response(decoded.error());
  auto body = with_templates_resolved(deps, *decoded);  // spec §13.1: POST /c too
  if (!body) return error_response(body.error());
  const auto caller = caller_of(request);
  auto parsed = decode_subtoken_request(*body, deps.ctx.clock.now(), caller.ip);
  if (!parsed) return error_response(parsed.error());
  auto parent = presented_mytoken(request, *body);
  if (!parent) return error_response(parent.error());
  parsed->parent = std::move(*parent);
  auto page = prepare_subtoken_consent(deps.ctx, *parsed, caller);
  if (!page) return error_response(page.error());  // JSON: oidc-agent reads the error of a failed request
  return html_response(200, subtoken_consent_page(*page));
}

HttpResponse handle_redirect(const RouteDeps& deps, HttpRequest& request) {
  OpCallback callback{Secret(request.query_param("code").value_or("")),
                      Secret(request.query_param("state").value_or("")), request.query_param("error").value_or(""),
                      request.query_param("error_description").value_or("")};
  auto page = complete_login(deps.ctx, callback, caller_of(request));
  if (!page) return html_error(page.error());
  return redirect_response(303, with_application(*page));
}

HttpResponse handle_consent_script(HttpRequest&) {
  return asset_response("text/javascript; charset=utf-8", std::string(kConsentScript));
}

HttpResponse handle_native(HttpRequest& request, bool aborted) {
  auto app = request.query_param("application").value_or("");
  std::string message = aborted ? "The request was declined. You can close this window."
                                : "The login is complete. You can close this window and return to " +
                                      (app.empty() ? std::string("your application") : app) + ".";
  return html_response(200, message_page(aborted ? "mytoken: declined" : "mytoken: done", message));
}

}  // namespace mytoken
