// parse_compact_jws (jws_compact.hpp) and the unverified helpers of jws.hpp built on it.
#include "crypto/jws_compact.hpp"

#include <boost/json/parse.hpp>

#include "crypto/encoding.hpp"
#include "crypto/jws.hpp"

namespace mytoken {
namespace {

std::optional<boost::json::object> parse_json_object(std::string_view text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(boost::json::string_view(text.data(), text.size()), ec);
  if (ec || !v.is_object()) return std::nullopt;
  return std::move(v.get_object());
}

}  // namespace

namespace crypto_internal {

std::optional<CompactJws> parse_compact_jws(std::string_view compact) {
  const size_t first = compact.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  const size_t second = compact.find('.', first + 1);
  if (second == std::string_view::npos || compact.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  auto header_bytes = base64url_decode(compact.substr(0, first));
  auto payload = base64url_decode(compact.substr(first + 1, second - first - 1));
  auto signature = base64url_decode(compact.substr(second + 1));
  if (!header_bytes || !payload || !signature) return std::nullopt;
  auto header = parse_json_object(*header_bytes);
  if (!header) return std::nullopt;
  return CompactJws{compact.substr(0, second), std::move(*header), std::move(*payload), std::move(*signature)};
}

}  // namespace crypto_internal

std::optional<boost::json::object> decode_jws_payload_unverified(std::string_view compact) {
  auto jws = crypto_internal::parse_compact_jws(compact);
  if (!jws) return std::nullopt;
  return parse_json_object(jws->payload);
}

bool looks_like_jwt(std::string_view token) { return crypto_internal::parse_compact_jws(token).has_value(); }

}  // namespace mytoken
