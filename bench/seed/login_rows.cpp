#include "login_rows.hpp"

#include "crypto/encoding.hpp"
#include "crypto/hashing.hpp"
#include "domain/secret.hpp"
#include "service/minting/family_key.hpp"

namespace mytoken::bench {
namespace {

// Sizes seen from the dev OP and mytokend: opaque 43-character refresh tokens, ~1.7 KB ES512 mytokens.
constexpr size_t kRefreshTokenBytes = 32;
constexpr size_t kJwtLength = 1700;

}  // namespace

LoginRows::LoginRows(const ServerSecret& secret, Random& random, LoginRowsOptions options)
    : secret_(secret), random_(random), options_(std::move(options)) {}

Result<void> LoginRows::write(Transaction& tx, int64_t index) {
  const std::string ip = "192.0.2." + std::to_string(index % 250 + 1);
  auto user_id = tx.users().upsert("user-" + std::to_string(index / options_.tokens_per_user), options_.oidc_iss);
  if (!user_id) return user_id.error();

  const Secret family_key(random_.bytes(32));
  const Secret refresh_token(base64url_encode(random_.bytes(kRefreshTokenBytes)));
  auto rt_id = tx.refresh_tokens().insert(seal_refresh_token(family_key, refresh_token));
  if (!rt_id) return rt_id.error();

  const MomId mom_id = *mom_id_from_jti(random_.uuid4());
  TokenRow row;
  row.mom_id = mom_id;
  row.name = "laptop " + std::to_string(index);
  row.created = row.last_rotated = options_.now;
  row.ip_created = ip;
  row.user_id = *user_id;
  row.rt_id = *rt_id;
  row.capabilities_json = R"(["AT","tokeninfo"])";
  row.restrictions_json = "[]";
  if (auto r = tx.tokens().insert(row); !r) return r;
  const Secret jwt(base64url_encode(random_.bytes(kJwtLength * 3 / 4)));
  if (auto r = tx.key_wraps().put(mom_id, *rt_id, wrap_family_key(secret_, jwt, mom_id, family_key)); !r) return r;

  AccessTokenRow at{mom_id,
                    options_.now,
                    ip,
                    "Initial Access Token from authorization code flow",
                    {"openid", "profile", "email", "offline_access"},
                    {}};
  if (auto r = tx.access_tokens().insert(at); !r) return r;
  return tx.events().append(
      EventRow{mom_id, "created", options_.now, "Used grant_type oidc_flow authorization_code", ip, "mytoken-bench"});
}

}  // namespace mytoken::bench
