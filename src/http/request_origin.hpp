#pragma once

#include <string>
#include <string_view>

#include "http/http_types.hpp"

namespace mytoken {

// The origin (RFC 6454) of an absolute URL: lower-case scheme and host, the port only when it is not the scheme's
// default ("https://Example.org:443/x" -> "https://example.org"); empty when `url` is no absolute http(s) URL.
std::string url_origin(std::string_view url);

// Whether the browser says a request comes from another site than `issuer`'s: `Sec-Fetch-Site: cross-site`, or an
// `Origin` header (including the opaque "null") that is not the issuer's origin. Requests without either header
// (non-browser clients such as oidc-agent) are not cross-site.
bool is_cross_site_request(const HttpRequest& request, std::string_view issuer);

}  // namespace mytoken
