#pragma once

#include "http/http_types.hpp"
#include "http/routes/api_routes.hpp"

namespace mytoken {

// One handler per endpoint (spec §2); each maps a request to a response and never touches a socket.
HttpResponse handle_mytoken(const RouteDeps& deps, HttpRequest& request);  // POST API/token/my
// POST API/token/my, grant_type mytoken / refresh_token (spec §5.5); `body` is the decoded request body.
HttpResponse handle_subtoken_grant(const RouteDeps& deps, HttpRequest& request, const boost::json::object& body);
HttpResponse handle_access_token(const RouteDeps& deps, HttpRequest& request);      // POST API/token/access
HttpResponse handle_revoke(const RouteDeps& deps, HttpRequest& request);            // POST API/token/revoke
HttpResponse handle_transfer(const RouteDeps& deps, HttpRequest& request);          // POST API/token/transfer
HttpResponse handle_tokeninfo(const RouteDeps& deps, HttpRequest& request);         // POST API/tokeninfo
HttpResponse handle_consent_page(const RouteDeps& deps, HttpRequest& request);      // GET /c/{code}
HttpResponse handle_consent_decision(const RouteDeps& deps, HttpRequest& request);  // POST /c/{code}
HttpResponse handle_consent_script(HttpRequest& request);                           // GET /static/consent.js
HttpResponse handle_subtoken_consent(const RouteDeps& deps, HttpRequest& request);  // POST /c (oidc-agent)
HttpResponse handle_redirect(const RouteDeps& deps, HttpRequest& request);          // GET /redirect
HttpResponse handle_native(HttpRequest& request, bool aborted);                     // GET /native[/abort]
HttpResponse handle_health(HttpRequest& request);                                   // GET /health
HttpResponse handle_profile_groups(const RouteDeps& deps, HttpRequest& request);    // GET API/pt
HttpResponse handle_profile_entries(const RouteDeps& deps, HttpRequest& request);   // GET API/pt[/{group}]/{type}
HttpResponse handle_profile_write(const RouteDeps& deps, HttpRequest& request);     // POST/PUT/DELETE API/pt/...

}  // namespace mytoken
