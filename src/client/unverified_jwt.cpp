#include "client/unverified_jwt.hpp"

#include <boost/json/parse.hpp>

#include "crypto/encoding.hpp"

namespace mytoken::client {
namespace {

std::optional<boost::json::object> decode_object(std::string_view segment) {
  const auto bytes = base64url_decode(segment);
  if (!bytes) return std::nullopt;
  boost::system::error_code ec;
  auto json = boost::json::parse(*bytes, ec);
  if (ec || !json.is_object()) return std::nullopt;
  return std::move(json.get_object());
}

}  // namespace

std::optional<boost::json::object> unverified_jwt_payload(std::string_view token) {
  const size_t first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) return std::nullopt;
  const auto signature = token.substr(second + 1);
  if (signature.empty() || !base64url_decode(signature)) return std::nullopt;
  if (!decode_object(token.substr(0, first))) return std::nullopt;
  return decode_object(token.substr(first + 1, second - first - 1));
}

}  // namespace mytoken::client
