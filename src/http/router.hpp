#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/http_types.hpp"

namespace mytoken {

// Maps (method, path) to a handler. Patterns are absolute paths whose segments are literals or `{name}`
// placeholders (e.g. "/c/{code}"); a placeholder matches one non-empty segment and fills
// HttpRequest::path_params. A literal segment beats a placeholder at the same position, and one trailing slash
// in the request path is ignored. HEAD falls back to the GET handler (the server drops the body).
//
// Besides routing, dispatch() adds the cross-cutting headers (spec §1.8): CORS on /api/*, /static/*,
// /.well-known/* and /jwks (OPTIONS there is answered as a preflight), helmet-style security headers elsewhere.
//
// Thread safety: add() only before the server starts; dispatch() is const and may run on many threads at once.
class Router {
 public:
  using Handler = std::function<HttpResponse(HttpRequest&)>;

  // Throws std::invalid_argument for a malformed pattern or a duplicate (method, pattern): a programmer error.
  void add(std::string method, std::string pattern, Handler handler);

  // Never throws: a handler's exception becomes 500 internal_server_error (only what() is logged).
  // Unknown path: 404 not_found; known path with another method: 405 with an Allow header.
  HttpResponse dispatch(HttpRequest& request) const;

  // Every registered pattern, in registration order (e.g. to label metrics by route).
  std::vector<std::string> patterns() const;

 private:
  struct Route {
    std::string pattern;
    std::vector<std::string> segments;                     // "{name}" for placeholders
    std::map<std::string, Handler, std::less<>> handlers;  // by method
  };

  const Route* match(std::string_view path, std::vector<std::pair<std::string, std::string>>& params) const;
  HttpResponse route(HttpRequest& request) const;

  std::vector<Route> routes_;
};

// True for the paths that get permissive CORS headers instead of the security headers (spec §1.8).
bool is_cors_path(std::string_view path);

}  // namespace mytoken
