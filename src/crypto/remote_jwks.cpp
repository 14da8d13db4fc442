// RemoteJwks (jws.hpp): verifies the OP's ID tokens against its published keys (spec §21 item 19).
#include <algorithm>
#include <boost/json/parse.hpp>
#include <utility>

#include "crypto/jwk.hpp"
#include "crypto/jws.hpp"
#include "crypto/jws_compact.hpp"
#include "crypto/jws_signature.hpp"
#include "crypto/openssl_handles.hpp"

namespace mytoken {

struct RemoteJwks::Key {
  std::optional<std::string> kid;
  std::optional<JwsAlg> alg;  // the JWK's "alg", if it names one we support: then only that alg may use it
  crypto_internal::EvpPkeyPtr key;
};

namespace {

// The OP sent something we cannot use: a bad gateway from the client's point of view.
constexpr int kBadGateway = 502;

ApiError invalid(std::string reason) { return ApiError::invalid_token(std::move(reason)); }

std::optional<std::string> string_member(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->get_string());
}

}  // namespace

Result<RemoteJwks> RemoteJwks::parse(const boost::json::value& jwks) {
  const auto* set = jwks.if_object();
  const auto* keys = set != nullptr ? set->if_contains("keys") : nullptr;
  if (keys == nullptr || !keys->is_array()) return ApiError::oidc_error(kBadGateway, "OP JWKS has no \"keys\" array");
  RemoteJwks result;
  for (const auto& entry : keys->get_array()) {
    const auto* jwk = entry.if_object();
    if (jwk == nullptr) continue;
    // RFC 7517 §4.2: a key published for encryption must not verify signatures.
    if (const auto use = string_member(*jwk, "use"); use && *use != "sig") continue;
    std::optional<JwsAlg> alg;
    if (const auto name = string_member(*jwk, "alg")) {
      alg = jws_alg_from_name(*name);
      if (!alg) continue;  // pinned to an alg we refuse (e.g. HS256, RSA-OAEP)
    }
    auto key = crypto_internal::public_key_from_jwk(*jwk);
    if (!key) continue;
    result.keys_.push_back(std::make_shared<const Key>(Key{string_member(*jwk, "kid"), alg, std::move(key)}));
  }
  return result;
}

Result<boost::json::object> RemoteJwks::verify(std::string_view compact, const std::vector<JwsAlg>& allowed) const {
  auto jws = crypto_internal::parse_compact_jws(compact);
  if (!jws) return invalid("token malformed");
  const auto alg_name = string_member(jws->header, "alg");
  const auto alg = alg_name ? jws_alg_from_name(*alg_name) : std::nullopt;
  if (!alg || std::find(allowed.begin(), allowed.end(), *alg) == allowed.end()) {
    return invalid("token alg not accepted");
  }
  if (jws->header.contains("crit")) return invalid("token header not supported");  // RFC 7515 §4.1.11
  const auto kid = string_member(jws->header, "kid");
  bool any_candidate = false;
  for (const auto& key : keys_) {
    if (kid && key->kid != kid) continue;
    if (key->alg && key->alg != alg) continue;
    if (!crypto_internal::key_fits_alg(key->key.get(), *alg)) continue;
    any_candidate = true;
    if (crypto_internal::verify_jws_signature(key->key.get(), *alg, jws->signing_input, jws->signature)) {
      boost::system::error_code ec;
      boost::json::value payload =
          boost::json::parse(boost::json::string_view(jws->payload.data(), jws->payload.size()), ec);
      if (ec || !payload.is_object()) return invalid("token payload is no JSON object");
      return std::move(payload.get_object());
    }
  }
  return invalid(any_candidate ? "token signature invalid" : "no key for token");
}

size_t RemoteJwks::size() const { return keys_.size(); }

}  // namespace mytoken
