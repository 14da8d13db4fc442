#include "service/rate_limits/code_rate_limit.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>

#include "service/common/service_context.hpp"

namespace mytoken {
namespace {

int64_t window_start(const CodeRateLimitOptions& options, int64_t now) {
  return options.window > 0 ? now - now % options.window : now;
}

// Refused until the current window ends (the Retry-After a client gets).
ApiError refused(const CodeRateLimitOptions& options, int64_t now) {
  return ApiError::too_many_requests(std::max<int64_t>(1, window_start(options, now) + options.window - now));
}

// Counter keys are keyed hashes, so the table holds neither codes nor client addresses.
std::string counter_key(const ServerSecret& secret, std::string_view kind, std::string_view value) {
  std::string material(kind);
  material += '\0';
  material += value;
  return secret.lookup_hash(purpose::kCodeRateLimit, material);
}

std::string client_key(const ServerSecret& secret, std::string_view client_ip) {
  return counter_key(secret, "ip", client_rate_limit_bucket(client_ip));
}
std::string all_clients_key(const ServerSecret& secret) { return counter_key(secret, "all", ""); }

}  // namespace

std::string client_rate_limit_bucket(std::string_view client_ip) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(std::string(client_ip), ec);
  if (ec) return std::string(client_ip);
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6()).to_string();
  }
  if (address.is_v4()) return address.to_string();
  auto bytes = address.to_v6().to_bytes();
  for (size_t i = 8; i < bytes.size(); ++i) bytes[i] = 0;
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

Result<void> admit_code_attempt(Transaction& tx, const CodeRateLimitOptions& options, const ServerSecret& secret,
                                std::string_view code, std::string_view client_ip, int64_t now) {
  if (!options.enabled) return {};
  const int64_t window = window_start(options, now);
  auto per_code = tx.rate_limits().try_increment(counter_key(secret, "code", code), window, options.attempts_per_code);
  if (!per_code) return per_code.error();
  if (!*per_code) return refused(options, now);
  // Misses are only read here: a client that keeps failing is refused before the lookup, so no further
  // guess of it is ever answered within the window.
  auto by_client = tx.rate_limits().count(client_key(secret, client_ip), window);
  if (!by_client) return by_client.error();
  if (*by_client >= options.misses_per_ip) return refused(options, now);
  auto by_all = tx.rate_limits().count(all_clients_key(secret), window);
  if (!by_all) return by_all.error();
  if (*by_all >= options.misses_total) return refused(options, now);
  return {};
}

Result<void> record_code_miss(Transaction& tx, const CodeRateLimitOptions& options, const ServerSecret& secret,
                              std::string_view client_ip, int64_t now) {
  if (!options.enabled) return {};
  const int64_t window = window_start(options, now);
  // A full counter stays full (try_increment returns false); admit_code_attempt enforces its limit.
  auto by_client = tx.rate_limits().try_increment(client_key(secret, client_ip), window, options.misses_per_ip);
  if (!by_client) return by_client.error();
  auto by_all = tx.rate_limits().try_increment(all_clients_key(secret), window, options.misses_total);
  if (!by_all) return by_all.error();
  return {};
}

}  // namespace mytoken
