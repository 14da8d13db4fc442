#include "http/responses.hpp"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <utility>

#include "util/strings.hpp"

namespace mytoken {

HttpResponse json_response(int status, const boost::json::value& body) {
  HttpResponse response;
  response.status = status;
  response.headers = {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}};
  response.body = boost::json::serialize(body);
  return response;
}

HttpResponse error_response(const ApiError& error) {
  boost::json::object body;
  body["error"] = error.error;
  if (!error.description.empty()) body["error_description"] = error.description;
  HttpResponse response = json_response(error.status, body);
  response.log_detail = error.log_detail;
  if (error.retry_after > 0) set_header(response, "Retry-After", std::to_string(error.retry_after));
  return response;
}

HttpResponse html_response(int status, std::string html) {
  HttpResponse response;
  response.status = status;
  response.headers = {{"Content-Type", "text/html; charset=utf-8"}, {"Cache-Control", "no-store"}};
  response.body = std::move(html);
  return response;
}

HttpResponse asset_response(std::string content_type, std::string body) {
  HttpResponse response;
  response.status = 200;
  response.headers = {{"Content-Type", std::move(content_type)}, {"Cache-Control", "no-cache"}};
  response.body = std::move(body);
  return response;
}

HttpResponse redirect_response(int status, std::string location) {
  HttpResponse response;
  response.status = status;
  response.headers = {{"Location", std::move(location)}, {"Cache-Control", "no-store"}};
  return response;
}

HttpResponse empty_response(int status) {
  HttpResponse response;
  response.status = status;
  return response;
}

void set_header(HttpResponse& response, std::string name, std::string value) {
  std::erase_if(response.headers, [&](const auto& header) { return ascii_iequals(header.first, name); });
  response.headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string_view> find_header(const HttpResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (ascii_iequals(key, name)) return std::string_view{value};
  }
  return std::nullopt;
}

}  // namespace mytoken
