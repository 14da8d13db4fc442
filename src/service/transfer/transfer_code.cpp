#include "service/transfer/transfer_code.hpp"

namespace mytoken {

std::string transfer_code_id(const ServiceContext& ctx, const Secret& code) {
  return ctx.secret.lookup_hash(purpose::kTransferCode, code.reveal());
}

Result<IssuedTransferCode> create_transfer_code(Transaction& tx, const ServiceContext& ctx, const Secret& token_text,
                                                std::string_view representation, const MomId& mom_id,
                                                bool revoke_mytoken, int64_t now) {
  Secret code(ctx.random.code(ctx.options.polling_code_len, kCodeAlphabet));
  ProxyTokenRow row;
  row.id = transfer_code_id(ctx, code);
  row.kind = ProxyTokenRow::Kind::kTransferCode;
  row.jwt_ciphertext = seal(ctx.secret.derive_key(purpose::kTransferCode, code.reveal()), token_text.reveal(), row.id);
  row.mom_id = mom_id;
  row.created = now;
  row.expires_at = now + ctx.options.polling_code_lifetime;
  row.revoke_mytoken = revoke_mytoken;
  row.response_type = std::string(representation);
  if (auto r = tx.proxy_tokens().insert(row); !r) return r.error();
  return IssuedTransferCode{std::move(code), ctx.options.polling_code_lifetime};
}

Result<Secret> open_transfer_code(const ServiceContext& ctx, const Secret& code, const ProxyTokenRow& row) {
  auto text = open_sealed(ctx.secret.derive_key(purpose::kTransferCode, code.reveal()), row.jwt_ciphertext, row.id);
  if (!text) return text.error();
  return Secret(std::move(*text));
}

}  // namespace mytoken
