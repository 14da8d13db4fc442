#pragma once

#include "http/http_types.hpp"
#include "http/routes/api_routes.hpp"

namespace mytoken {

// One handler per endpoint (spec §2); each maps a request to a response and never touches a socket.
HttpResponse handle_mytoken(const RouteDeps& deps, HttpRequest& request);           // POST API/token/my
HttpResponse handle_access_token(const RouteDeps& deps, HttpRequest& request);      // POST API/token/access
HttpResponse handle_revoke(const RouteDeps& deps, HttpRequest& request);            // POST API/token/revoke
HttpResponse handle_tokeninfo(const RouteDeps& deps, HttpRequest& request);         // POST API/tokeninfo
HttpResponse handle_consent_page(const RouteDeps& deps, HttpRequest& request);      // GET /c/{code}
HttpResponse handle_consent_decision(const RouteDeps& deps, HttpRequest& request);  // POST /c/{code}
HttpResponse handle_redirect(const RouteDeps& deps, HttpRequest& request);          // GET /redirect
HttpResponse handle_native(HttpRequest& request, bool aborted);                     // GET /native[/abort]

}  // namespace mytoken
