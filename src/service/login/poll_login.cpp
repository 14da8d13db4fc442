#include <boost/json/parse.hpp>

#include "service/common/audit.hpp"
#include "service/common/presented_token.hpp"
#include "service/login/login_flow.hpp"
#include "service/minting/mytoken_minter.hpp"
#include "service/minting/token_representation.hpp"
#include "service/rate_limits/code_rate_limit.hpp"

namespace mytoken {
namespace {

ApiError bad_code() { return ApiError::invalid_token("Bad polling or transfer code"); }

// A poll sooner than `interval` after the previous one is answered slow_down (RFC 8628 §3.5). One second
// of tolerance absorbs the rounding of whole-second timestamps for a client that polls exactly on time.
bool polled_too_fast(const ProxyTokenRow& row, int64_t now, int64_t interval) {
  return row.last_polled > 0 && now - row.last_polled < interval - 1;
}

}  // namespace

Result<MytokenResponse> poll_login(const ServiceContext& ctx, const Secret& polling_code, const CallerContext& caller) {
  if (polling_code.empty()) return bad_code();
  const auto id = ctx.secret.lookup_hash(purpose::kPollingCode, polling_code.reveal());
  const int64_t now = ctx.clock.now();
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  const auto& limits = ctx.options.code_rate_limit;
  if (auto r = admit_code_attempt(t, limits, ctx.secret, polling_code.reveal(), caller.ip, now); !r) {
    return guessing_limit_outcome(
        ctx.counters.guessing_limited,
        audit_if_rate_limited(ctx, r.error(), nullptr, nullptr, caller.ip, "polling code guessing limit"));
  }
  auto row = t.proxy_tokens().find(id);
  if (!row) return row.error();
  if (!*row || (*row)->kind != ProxyTokenRow::Kind::kPollingCode) {
    if (auto r = record_code_miss(t, limits, ctx.secret, caller.ip, now); !r) return r.error();
    if (auto r = t.commit(); !r) return r.error();
    return bad_code();
  }
  if ((*row)->consent_declined) return ApiError::access_denied("user declined consent");
  if ((*row)->expires_at < now) return ApiError::expired_token("polling or transfer code is expired");
  if ((*row)->jwt_ciphertext.empty()) {
    if (polled_too_fast(**row, now, ctx.options.polling_interval)) return ApiError::slow_down();
    if (auto r = t.proxy_tokens().set_last_polled(id, now); !r) return r.error();
    if (auto r = t.commit(); !r) return r.error();
    return ApiError::authorization_pending();
  }

  auto jwt =
      open_sealed(ctx.secret.derive_key(purpose::kPollingCode, polling_code.reveal()), (*row)->jwt_ciphertext, id);
  if (!jwt) return jwt.error();
  auto taken = t.proxy_tokens().take(id);
  if (!taken) return taken.error();
  if (!*taken) return bad_code();
  const MomId mom_id = *(*row)->mom_id;
  if (auto r = record_event(t, mom_id, EventType::kTransferCodeUsed, "polling code", now, caller); !r) return r.error();
  auto token = decode_issued_mytoken(ctx, Secret(std::move(*jwt)));
  if (!token) return token.error();
  // spec §5.4: in the representation the original request asked for (spec §4.4), made in this transaction.
  const auto representation = choose_representation((*row)->response_type, (*row)->max_token_len,
                                                    token->jwt.reveal().size(), representation_options(ctx.options));
  auto response = present_mytoken(t, ctx, MintedMytoken{token->jwt, token->claims, token->mom_id}, representation, now);
  if (!response) return response.error();
  if (auto r = t.commit(); !r) return r.error();
  audit_token(ctx, AuditEvent::kTokenDelivered, token->mom_id, token->claims, caller.ip, "polling code");
  return std::move(*response);
}

}  // namespace mytoken
