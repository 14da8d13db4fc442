#include "http/routes/api_routes.hpp"

#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"

namespace mytoken {

void register_api_routes(Router& router, const RouteDeps& deps) {
  const auto* d = &deps;
  for (const char* path : {"/.well-known/mytoken-configuration", "/.well-known/openid-configuration"}) {
    router.add("GET", path, [d](HttpRequest&) { return json_response(200, d->discovery); });
  }
  router.add("GET", "/jwks", [d](HttpRequest&) { return json_response(200, d->jwks); });
  router.add("POST", "/api/v0/token/my", [d](HttpRequest& r) { return handle_mytoken(*d, r); });
  router.add("POST", "/api/v0/token/access", [d](HttpRequest& r) { return handle_access_token(*d, r); });
  router.add("POST", "/api/v0/token/revoke", [d](HttpRequest& r) { return handle_revoke(*d, r); });
  router.add("POST", "/api/v0/token/transfer", [d](HttpRequest& r) { return handle_transfer(*d, r); });
  router.add("POST", "/api/v0/tokeninfo", [d](HttpRequest& r) { return handle_tokeninfo(*d, r); });
  router.add("GET", "/c/{code}", [d](HttpRequest& r) { return handle_consent_page(*d, r); });
  router.add("POST", "/c/{code}", [d](HttpRequest& r) { return handle_consent_decision(*d, r); });
  router.add("POST", "/c", [d](HttpRequest& r) { return handle_subtoken_consent(*d, r); });
  router.add("GET", "/redirect", [d](HttpRequest& r) { return handle_redirect(*d, r); });
  router.add("GET", "/native", [](HttpRequest& r) { return handle_native(r, false); });
  router.add("GET", "/native/abort", [](HttpRequest& r) { return handle_native(r, true); });
}

}  // namespace mytoken
