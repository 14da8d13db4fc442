#include "service/transfer/transfer_code_exchange.hpp"

#include "service/common/audit.hpp"
#include "service/common/presented_token.hpp"
#include "service/minting/mytoken_minter.hpp"
#include "service/rate_limits/code_rate_limit.hpp"
#include "service/transfer/short_token.hpp"
#include "service/transfer/transfer_code.hpp"

namespace mytoken {
namespace {

ApiError bad_code() { return ApiError::invalid_token("Bad polling or transfer code"); }

// The JWT behind the exchanged text: the text itself, or the JWT its short token stands for.
Result<Secret> jwt_of(Transaction& tx, const ServiceContext& ctx, const ProxyTokenRow& row, const Secret& text) {
  if (row.response_type != "short_token") return text;
  auto jwt = find_short_token_jwt(tx, ctx, text);
  if (!jwt) return jwt.error();
  if (!*jwt) return bad_code();  // its token was revoked meanwhile (the cascade normally takes the code too)
  return std::move(**jwt);
}

}  // namespace

Result<MytokenResponse> exchange_transfer_code(const ServiceContext& ctx, const Secret& code,
                                               const CallerContext& caller) {
  if (code.empty()) return bad_code();
  const int64_t now = ctx.clock.now();
  const auto& limits = ctx.options.code_rate_limit;
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  if (auto r = admit_code_attempt(t, limits, ctx.secret, code.reveal(), caller.ip, now); !r) {
    return guessing_limit_outcome(
        ctx.counters.guessing_limited,
        audit_if_rate_limited(ctx, r.error(), nullptr, nullptr, caller.ip, "transfer code guessing limit"));
  }

  const auto id = transfer_code_id(ctx, code);
  auto row = t.proxy_tokens().find(id);
  if (!row) return row.error();
  if (!*row || (*row)->kind != ProxyTokenRow::Kind::kTransferCode) {
    auto polling = t.proxy_tokens().find(ctx.secret.lookup_hash(purpose::kPollingCode, code.reveal()));
    if (!polling) return polling.error();
    if (*polling && (*polling)->kind == ProxyTokenRow::Kind::kPollingCode) {
      return ApiError::invalid_request("token not valid");  // spec §5.6: a polling code used here
    }
    if (auto r = record_code_miss(t, limits, ctx.secret, caller.ip, now); !r) return r.error();
    if (auto r = t.commit(); !r) return r.error();
    return bad_code();
  }
  if ((*row)->expires_at < now) return ApiError::expired_token("polling or transfer code is expired");

  auto text = open_transfer_code(ctx, code, **row);
  if (!text) return text.error();
  auto jwt = jwt_of(t, ctx, **row, *text);
  if (!jwt) return jwt.error();
  auto token = decode_issued_mytoken(ctx, *jwt);
  if (!token) return token.error();
  // First the token, then the code: a revocation locks them in that order too (PostgreSQL), and a token
  // revoked since the code was read answers like a revoked token.
  if (auto held = hold_presented_token(t, *token); !held) return held.error();
  // One-time use (design §4): the delete decides, so of racing exchanges exactly one gets the token.
  auto taken = t.proxy_tokens().take(id);
  if (!taken) return taken.error();
  if (!*taken) return bad_code();
  if (auto r = record_event(t, token->mom_id, EventType::kTransferCodeUsed, "transfer code", now, caller); !r) {
    return r.error();
  }
  if (auto r = t.commit(); !r) return r.error();
  audit_token(ctx, AuditEvent::kTokenDelivered, token->mom_id, token->claims, caller.ip, "transfer code");

  auto response = mytoken_response(MintedMytoken{token->jwt, token->claims, token->mom_id}, now);
  response.mytoken = std::move(*text);
  response.mytoken_type = (*row)->response_type == "short_token" ? "short_token" : "token";
  response.rotation.reset();
  return response;
}

}  // namespace mytoken
