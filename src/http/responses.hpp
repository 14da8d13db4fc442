#pragma once

#include <boost/json/fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "domain/api_error.hpp"
#include "http/http_types.hpp"

namespace mytoken {

// Builders for every response the server sends. JSON and HTML responses carry `Cache-Control: no-store`:
// they may hold tokens or one-time codes.

// `application/json` with the serialised value.
HttpResponse json_response(int status, const boost::json::value& body);
inline HttpResponse json_response(const boost::json::value& body) { return json_response(200, body); }

// The wire error object {"error","error_description"} (spec §1.5, §15); the description is omitted when empty.
// The status comes from the error; its log_detail is copied to HttpResponse::log_detail for the access log.
// A positive retry_after becomes `Retry-After: <seconds>` (RFC 9110 §10.2.3).
HttpResponse error_response(const ApiError& error);

// `text/html; charset=utf-8`. The caller escapes what it interpolates into `html`.
HttpResponse html_response(int status, std::string html);

// A static asset compiled into the server (the consent page's script): `Cache-Control: no-cache`, so a browser
// revalidates it and an upgraded server's copy is used at once.
HttpResponse asset_response(std::string content_type, std::string body);

// An empty-bodied redirect to `location`, usually 303 See Other.
// Requires: `location` holds no CR or LF (the server answers 500 instead of sending such a header).
HttpResponse redirect_response(int status, std::string location);
inline HttpResponse redirect_response(std::string location) { return redirect_response(303, std::move(location)); }

// A response without a body (204 No Content by default).
HttpResponse empty_response(int status = 204);

// Replaces every header named `name` (case-insensitive) by one with `value`.
void set_header(HttpResponse& response, std::string name, std::string value);
// The first header named `name` (case-insensitive), if any.
std::optional<std::string_view> find_header(const HttpResponse& response, std::string_view name);

}  // namespace mytoken
