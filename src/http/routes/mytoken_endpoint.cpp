#include "http/decoders/login_request_decoding.hpp"
#include "http/request_decoding.hpp"
#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"
#include "http/routes/route_helpers.hpp"
#include "service/login/login_flow.hpp"
#include "service/transfer/transfer_code_exchange.hpp"

namespace mytoken {
namespace {

// grant_type from the query takes precedence over the body (spec §5).
Result<std::string> grant_type_of(const HttpRequest& request, const boost::json::object& body) {
  if (auto q = request.query_param("grant_type"); q && !q->empty()) return *q;
  return string_member(body, "grant_type");
}

}  // namespace

HttpResponse handle_mytoken(const RouteDeps& deps, HttpRequest& request) {
  auto decoded = decode_body(request, /*form_capable=*/false);
  if (!decoded) return error_response(decoded.error());
  auto grant = grant_type_of(request, *decoded);
  if (!grant) return error_response(grant.error());
  const auto caller = caller_of(request);
  const bool creates_mytoken = *grant == "oidc_flow" || *grant == "mytoken" || *grant == "refresh_token";
  // Only requests that describe a new mytoken carry templates (spec §5 "through the profile/template resolver").
  auto body = creates_mytoken ? with_templates_resolved(deps, *decoded) : Result<boost::json::object>(*decoded);
  if (!body) return error_response(body.error());
  if (*grant == "oidc_flow") {
    auto start = decode_start_login_request(*body, deps.ctx.clock.now(), caller.ip);
    if (!start) return error_response(start.error());
    auto started = start_login(deps.ctx, *start, caller);
    if (!started) return error_response(started.error());
    return json_response(boost::json::object{{"consent_uri", started->consent_uri},
                                             {"polling_code", started->polling_code.reveal()},
                                             {"expires_in", started->expires_in},
                                             {"interval", started->interval}});
  }
  if (*grant == "mytoken" || *grant == "refresh_token") return handle_subtoken_grant(deps, request, *body);
  if (*grant == "polling_code") {
    auto code = string_member(*body, "polling_code");
    if (!code) return error_response(code.error());
    auto polled = poll_login(deps.ctx, Secret(std::move(*code)), caller);
    if (!polled) return error_response(polled.error());
    auto response = json_response(to_json(*polled));
    response.log_mom_id = polled->mom_id.value;
    return response;
  }
  if (*grant == "transfer_code" && deps.ctx.options.transfer_codes_enabled) {  // spec §5.6
    auto code = string_member(*body, "transfer_code");
    if (!code) return error_response(code.error());
    auto exchanged = exchange_transfer_code(deps.ctx, Secret(std::move(*code)), caller);
    if (!exchanged) return error_response(exchanged.error());
    auto response = json_response(to_json(*exchanged));
    response.log_mom_id = exchanged->mom_id.value;
    return response;
  }
  return error_response(ApiError::unsupported_grant_type());
}

}  // namespace mytoken
