#include "http/request_origin.hpp"

#include <boost/url/parse.hpp>

#include "util/strings.hpp"

namespace mytoken {
std::string url_origin(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return {};
  const auto scheme = ascii_lower(parsed->scheme());
  if ((scheme != "http" && scheme != "https") || parsed->encoded_host().empty()) return {};
  // Appended piece by piece: GCC 12 at -O3 reports a false -Wrestrict for `"literal" + std::string`.
  std::string origin = scheme;
  origin.append("://").append(ascii_lower(parsed->encoded_host()));
  const std::string_view port = parsed->port();
  const std::string_view default_port = scheme == "https" ? "443" : "80";
  if (!port.empty() && port != default_port) origin.append(":").append(port);
  return origin;
}

bool is_cross_site_request(const HttpRequest& request, std::string_view issuer) {
  if (auto site = request.header("sec-fetch-site"); site && ascii_lower(trim_whitespace(*site)) == "cross-site")
    return true;
  const auto origin = request.header("origin");
  if (!origin) return false;
  const auto presented = url_origin(trim_whitespace(*origin));
  return presented.empty() || presented != url_origin(issuer);
}

}  // namespace mytoken
