#include "http/http_types.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

namespace mytoken {

std::optional<std::string_view> HttpRequest::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return std::string_view{value};
  }
  return std::nullopt;
}

std::optional<std::string_view> HttpRequest::path_param(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) return std::string_view{value};
  }
  return std::nullopt;
}

std::optional<std::string> HttpRequest::query_param(std::string_view name) const {
  if (!boost::urls::parse_query(query)) return std::nullopt;  // a malformed query has no parameters
  boost::urls::encoding_opts opt;
  opt.space_as_plus = true;  // as in HTML forms and the reference server's query parsing
  const boost::urls::params_view params(query, opt);
  for (const auto& param : params) {
    if (param.key == name) return param.has_value ? param.value : std::string{};
  }
  return std::nullopt;
}

}  // namespace mytoken
