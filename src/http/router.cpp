#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <utility>

#include "domain/api_error.hpp"
#include "http/responses.hpp"

namespace mytoken {
namespace {

constexpr std::string_view kCorsMethods = "GET,POST,HEAD,PUT,DELETE,PATCH";
constexpr std::string_view kCorsHeaders = "Authorization, Content-Type";
// No inline script (the consent page's script is /static/consent.js); inline style stays allowed for the pages'
// small <style> blocks. No page may be framed (clickjacking of the consent buttons).
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'";

bool is_placeholder(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// "/a/b/" -> {"a", "b", ""}; "/" -> {""}. Requires: path starts with '/'.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

void add_cors_headers(HttpResponse& response) {
  set_header(response, "Access-Control-Allow-Origin", "*");
  set_header(response, "X-Content-Type-Options", "nosniff");
}

void add_security_headers(HttpResponse& response) {
  set_header(response, "X-Content-Type-Options", "nosniff");
  set_header(response, "X-Frame-Options", "DENY");
  set_header(response, "Referrer-Policy", "no-referrer");
  set_header(response, "Content-Security-Policy", std::string{kContentSecurityPolicy});
}

// Literal-over-placeholder precedence, compared segment by segment from the left.
bool more_specific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    const bool a_literal = !is_placeholder(a[i]);
    const bool b_literal = !is_placeholder(b[i]);
    if (a_literal != b_literal) return a_literal;
  }
  return false;
}

}  // namespace

bool is_cors_path(std::string_view path) {
  return starts_with(path, "/api/") || path == "/api" || starts_with(path, "/static/") ||
         starts_with(path, "/.well-known/") || path == "/jwks";
}

void Router::add(std::string method, std::string pattern, Handler handler) {
  if (pattern.empty() || pattern.front() != '/') throw std::invalid_argument("route pattern must start with '/'");
  if (!handler) throw std::invalid_argument("route handler is empty: " + pattern);
  std::vector<std::string> segments;
  for (const auto segment : split_path(pattern)) {
    const bool braces = segment.find_first_of("{}") != std::string_view::npos;
    if (braces && !is_placeholder(segment)) throw std::invalid_argument("malformed route segment in " + pattern);
    segments.emplace_back(segment);
  }
  auto same = std::find_if(routes_.begin(), routes_.end(), [&](const Route& r) { return r.pattern == pattern; });
  if (same == routes_.end()) {
    routes_.push_back(Route{pattern, std::move(segments), {}});
    same = std::prev(routes_.end());
  }
  if (!same->handlers.emplace(std::move(method), std::move(handler)).second) {
    throw std::invalid_argument("duplicate route " + pattern);
  }
}

const Router::Route* Router::match(std::string_view path,
                                   std::vector<std::pair<std::string, std::string>>& params) const {
  if (path.empty() || path.front() != '/') return nullptr;
  auto segments = split_path(path);
  if (segments.size() > 1 && segments.back().empty()) segments.pop_back();  // one trailing slash is ignored
  const Route* best = nullptr;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    bool matches = true;
    for (size_t i = 0; i < segments.size() && matches; ++i) {
      matches = is_placeholder(route.segments[i]) ? !segments[i].empty() : route.segments[i] == segments[i];
    }
    if (matches && (best == nullptr || more_specific(route.segments, best->segments))) best = &route;
  }
  if (best != nullptr) {
    params.clear();
    for (size_t i = 0; i < segments.size(); ++i) {
      const auto& seg = best->segments[i];
      if (is_placeholder(seg)) params.emplace_back(seg.substr(1, seg.size() - 2), std::string{segments[i]});
    }
  }
  return best;
}

HttpResponse Router::route(HttpRequest& request) const {
  if (request.method == "OPTIONS" && is_cors_path(request.path)) {
    // CORS preflight, answered for every path under the CORS prefixes as the reference server does.
    HttpResponse response = empty_response(204);
    set_header(response, "Access-Control-Allow-Methods", std::string{kCorsMethods});
    set_header(response, "Access-Control-Allow-Headers", std::string{kCorsHeaders});
    set_header(response, "Access-Control-Max-Age", "600");
    return response;
  }
  const Route* route = match(request.path, request.path_params);
  if (route == nullptr) return error_response(ApiError::not_found(request.path));
  request.route = route->pattern;

  auto handler = route->handlers.find(request.method);
  if (handler == route->handlers.end() && request.method == "HEAD") handler = route->handlers.find("GET");
  if (handler == route->handlers.end()) {
    std::string allow;
    for (const auto& [method, unused] : route->handlers) {
      allow += allow.empty() ? method : "," + method;
      if (method == "GET" && !route->handlers.contains("HEAD")) allow += ",HEAD";
    }
    HttpResponse response = error_response(ApiError::method_not_allowed(request.method));
    set_header(response, "Allow", std::move(allow));
    return response;
  }
  try {
    return handler->second(request);
  } catch (const std::exception& e) {
    spdlog::error("handler for {} {} threw: {}", request.method, route->pattern, e.what());
    return error_response(ApiError::internal("handler threw an exception"));
  } catch (...) {
    spdlog::error("handler for {} {} threw a non-std exception", request.method, route->pattern);
    return error_response(ApiError::internal("handler threw an exception"));
  }
}

std::vector<std::string> Router::patterns() const {
  std::vector<std::string> out;
  out.reserve(routes_.size());
  for (const auto& route : routes_) out.push_back(route.pattern);
  return out;
}

HttpResponse Router::dispatch(HttpRequest& request) const {
  HttpResponse response = route(request);
  if (is_cors_path(request.path)) {
    add_cors_headers(response);
  } else {
    add_security_headers(response);
  }
  return response;
}

}  // namespace mytoken
