#include "client/client_error.hpp"

#include <boost/json/parse.hpp>

namespace mytoken::client {

ApiError network_error(std::string detail) { return {std::string(kNetworkError), std::move(detail), 0, {}}; }

ApiError invalid_response(long status, std::string detail) {
  return {std::string(kInvalidResponse), std::move(detail), static_cast<int>(status), {}};
}

ApiError error_from_reply(long status, std::string_view body) {
  boost::system::error_code ec;
  const auto json = boost::json::parse(body, ec);
  if (!ec && json.is_object()) {
    const auto& o = json.get_object();
    const auto* error = o.if_contains("error");
    if (error != nullptr && error->is_string() && !error->get_string().empty()) {
      std::string description;
      if (const auto* d = o.if_contains("error_description"); d != nullptr && d->is_string()) {
        description = d->get_string();
      }
      return {std::string(error->get_string()), std::move(description), static_cast<int>(status), {}};
    }
  }
  return {"http_error", "the server answered HTTP " + std::to_string(status), static_cast<int>(status), {}};
}

bool is_network_error(const ApiError& e) { return e.status == 0 && e.error == kNetworkError; }

std::string describe(const ApiError& e) {
  if (e.description.empty()) return e.error;
  return e.error + ": " + e.description;
}

}  // namespace mytoken::client
