#include "service/minting/family_key.hpp"

#include "service/common/service_context.hpp"

namespace mytoken {
namespace {
constexpr std::string_view kRefreshTokenAad = "refresh-token";
}

std::string wrap_family_key(const ServerSecret& secret, const Secret& jwt, const MomId& id, const Secret& key) {
  return seal(secret.derive_key(purpose::kKeyWrap, jwt.reveal()), key.reveal(), id.value);
}

Result<Secret> unwrap_family_key(const ServerSecret& secret, const Secret& jwt, const MomId& id,
                                 const std::string& wrapped) {
  auto key = open_sealed(secret.derive_key(purpose::kKeyWrap, jwt.reveal()), wrapped, id.value);
  if (!key) return ApiError::invalid_token();  // e.g. a rotated-away JWT
  return Secret(std::move(*key));
}

std::string seal_refresh_token(const Secret& key, const Secret& refresh_token) {
  return seal(key.reveal(), refresh_token.reveal(), kRefreshTokenAad);
}

Result<Secret> open_refresh_token(const Secret& key, const std::string& sealed) {
  auto rt = open_sealed(key.reveal(), sealed, kRefreshTokenAad);
  if (!rt) return ApiError::internal("refresh token record does not open with the family key");
  return Secret(std::move(*rt));
}

Result<Secret> open_family_refresh_token(Transaction& tx, const ServerSecret& secret, const Secret& jwt,
                                         const MomId& id, int64_t rt_id) {
  auto wrapped = tx.key_wraps().find(id);
  if (!wrapped) return wrapped.error();
  if (!*wrapped) return Secret();
  auto family_key = unwrap_family_key(secret, jwt, id, **wrapped);
  if (!family_key) return family_key.error();
  auto record = tx.refresh_tokens().find(rt_id);
  if (!record) return record.error();
  if (!*record) return Secret();
  return open_refresh_token(*family_key, (*record)->ciphertext);
}

}  // namespace mytoken
