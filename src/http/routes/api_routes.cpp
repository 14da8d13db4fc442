#include "http/routes/api_routes.hpp"

#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"
#include "service/common/audit.hpp"
#include "service/rate_limits/request_rate_limit.hpp"

namespace mytoken {
namespace {

using Endpoint = HttpResponse (*)(const RouteDeps&, HttpRequest&);

// The endpoints that do work (store, OP, token checks) count against the client's request limit first
// (docs/rate_limits.md). Discovery, /jwks and the static pages do not: they cost less than counting them.
Router::Handler client_limited(const RouteDeps* d, Endpoint endpoint) {
  return [d, endpoint](HttpRequest& r) {
    if (auto* limits = d->ctx.request_limits) {
      if (auto admitted = limits->admit_client(r.client_ip); !admitted) {
        return error_response(audit_if_rate_limited(d->ctx, admitted.error(), nullptr, nullptr, r.client_ip,
                                                    "per-IP request limit, " + r.method + " " + r.route));
      }
    }
    return endpoint(*d, r);
  };
}

}  // namespace

void register_api_routes(Router& router, const RouteDeps& deps) {
  const auto* d = &deps;
  for (const char* path : {"/.well-known/mytoken-configuration", "/.well-known/openid-configuration"}) {
    router.add("GET", path, [d](HttpRequest&) { return json_response(200, d->discovery); });
  }
  router.add("GET", "/jwks", [d](HttpRequest&) { return json_response(200, d->ctx.signing_keys.jwks()); });
  router.add("POST", "/api/v0/token/my", client_limited(d, handle_mytoken));
  router.add("POST", "/api/v0/token/access", client_limited(d, handle_access_token));
  router.add("POST", "/api/v0/token/revoke", client_limited(d, handle_revoke));
  router.add("POST", "/api/v0/token/transfer", client_limited(d, handle_transfer));
  router.add("POST", "/api/v0/tokeninfo", client_limited(d, handle_tokeninfo));
  router.add("GET", "/c/{code}", client_limited(d, handle_consent_page));
  router.add("POST", "/c/{code}", client_limited(d, handle_consent_decision));
  router.add("POST", "/c", client_limited(d, handle_subtoken_consent));
  router.add("GET", "/static/consent.js", handle_consent_script);
  router.add("GET", "/redirect", client_limited(d, handle_redirect));
  router.add("GET", "/native", [](HttpRequest& r) { return handle_native(r, false); });
  router.add("GET", "/native/abort", [](HttpRequest& r) { return handle_native(r, true); });
  router.add("GET", "/health", handle_health);
  if (deps.profiles_endpoint) {  // spec §13.2
    router.add("GET", "/api/v0/pt", client_limited(d, handle_profile_groups));
    router.add("GET", "/api/v0/pt/{type}", client_limited(d, handle_profile_entries));
    router.add("GET", "/api/v0/pt/{group}/{type}", client_limited(d, handle_profile_entries));
    for (const char* method : {"POST", "PUT", "DELETE"}) {
      for (const char* path : {"/api/v0/pt/{type}", "/api/v0/pt/{group}/{type}", "/api/v0/pt/{group}/{type}/{id}"}) {
        router.add(method, path, client_limited(d, handle_profile_write));
      }
    }
  }
}

}  // namespace mytoken
