// Fuzz entry: the JWS layer (compact parsing, pinned alg, typ, crit, signature) and the mytoken claims.
#include <openssl/pem.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cstdio>
#include <filesystem>

#include "crypto/encoding.hpp"
#include "crypto/jws.hpp"
#include "crypto/jws_signature.hpp"
#include "crypto/openssl_handles.hpp"
#include "domain/mytoken_claims.hpp"
#include "fuzz_entries.hpp"

namespace mytoken::fuzz {
namespace {

namespace json = boost::json;
constexpr std::string_view kTyp = "MT+JWT";
// ES256 rather than the server's default ES512: the same code path, at ten times the executions per second.
constexpr JwsAlg kAlg = JwsAlg::kES256;

// One real key per process, made at start-up: the SigningKey under test and its raw EVP_PKEY, with which the
// entry signs headers of its own choosing (SigningKey::sign writes only the header it is supposed to).
struct FuzzKeys {
  SigningKey key;
  crypto_internal::EvpPkeyPtr pkey;
  RemoteJwks jwks;
};

FuzzKeys make_keys() {
  char dir_template[] = "/tmp/mytoken-fuzz-key.XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (dir == nullptr) throw std::runtime_error("fuzz: mkdtemp failed");
  const auto path = std::filesystem::path(dir) / "key.pem";
  auto key = SigningKey::load_or_create(path, kAlg);
  std::FILE* file = std::fopen(path.c_str(), "r");
  crypto_internal::EvpPkeyPtr pkey(file != nullptr ? PEM_read_PrivateKey(file, nullptr, nullptr, nullptr) : nullptr);
  if (file != nullptr) std::fclose(file);
  std::filesystem::remove_all(dir);
  if (!key || !pkey) throw std::runtime_error("fuzz: cannot create the signing key");
  auto jwks = RemoteJwks::parse(json::object{{"keys", json::array{key->public_jwk()}}});
  if (!jwks) throw std::runtime_error("fuzz: the key's own JWKS does not parse");
  return {std::move(*key), std::move(pkey), std::move(*jwks)};
}

const FuzzKeys& keys() {
  static const FuzzKeys k = make_keys();
  return k;
}

std::optional<json::value> parse_json(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return std::nullopt;
  return v;
}

// What SigningKey::verify must accept: a JSON object header with this key's alg, the expected typ, no crit.
bool header_acceptable(std::string_view header) {
  const auto v = parse_json(header);
  if (!v || !v->is_object()) return false;
  const auto& o = v->get_object();
  const auto* alg = o.if_contains("alg");
  const auto* typ = o.if_contains("typ");
  return alg != nullptr && alg->is_string() && alg->get_string() == jws_alg_name(kAlg) && typ != nullptr &&
         typ->is_string() && typ->get_string() == kTyp && !o.contains("crit");
}

// An arbitrary string: never verifies (the key is fresh), and the unverified readers agree with each other.
void check_foreign_token(std::string_view text) {
  const bool jwt = looks_like_jwt(text);
  const auto payload = decode_jws_payload_unverified(text);
  fuzz_check(!payload || jwt, "decode_jws_payload_unverified read a token looks_like_jwt rejects");
  fuzz_check(!keys().key.verify(text, kTyp), "a token not signed by the key verified");
  fuzz_check(!keys().jwks.verify(text, {kAlg}), "RemoteJwks verified a token not signed by its key");
}

// Signs "<header>.<payload>" with the real key: the verdict must depend on the header alone.
void check_signed_token(std::string_view header, std::string_view payload) {
  std::string token = base64url_encode(header) + "." + base64url_encode(payload);
  token += "." + base64url_encode(crypto_internal::sign_jws_input(keys().pkey.get(), kAlg, token));
  const auto verified = keys().key.verify(token, kTyp);
  fuzz_check(verified.has_value() == header_acceptable(header), "verify disagrees with the header rules");
  if (verified) fuzz_check(*verified == payload, "verify returned other payload bytes");
  fuzz_check(looks_like_jwt(token) == parse_json(header).value_or(nullptr).is_object(),
             "looks_like_jwt disagrees with the header being a JSON object");
  (void)keys().jwks.verify(token, {kAlg});
}

bool holds_double(const json::value& v) {
  if (v.is_double()) return true;
  if (const auto* a = v.if_array()) return std::any_of(a->begin(), a->end(), holds_double);
  if (const auto* o = v.if_object()) {
    return std::any_of(o->begin(), o->end(), [](const auto& member) { return holds_double(member.value()); });
  }
  return false;
}

// The JWT payload writer (spec §21 item 20) and the claims reader on any JSON object.
void check_claims(const json::object& payload) {
  const std::string written = serialize_jwt_payload(payload);
  for (const unsigned char c : written) {
    fuzz_check(c < 0x7f && c != '<' && c != '>' && c != '&' && c != '?' && c != '~', "payload byte not escaped");
  }
  // Doubles are left out of the comparison: Boost.JSON 1.81 parses them imprecisely by default (the last bit
  // may differ after a round trip), and no claim is a double.
  if (!holds_double(payload)) {
    fuzz_check(parse_json(written) == json::value(payload), "serialize_jwt_payload changed the payload");
  }
  fuzz_check(base64url_encode(written).find_first_of("-_") == std::string::npos, "payload base64url has - or _");
  const auto claims = claims_from_json(payload);
  if (!claims) return;
  const json::object once = claims_to_json(*claims);
  const auto again = claims_from_json(once);
  fuzz_check(again.has_value(), "claims_to_json wrote claims claims_from_json rejects");
  fuzz_check(claims_to_json(*again) == once, "claims do not survive a JSON round trip");
}

}  // namespace

void fuzz_jwt(Input data) {
  const std::string_view text = as_text(data);
  check_foreign_token(text);
  // "<header>\n<payload>"; without a newline the whole input is the payload under a correct header.
  const size_t newline = text.find('\n');
  const std::string_view header =
      newline == std::string_view::npos ? R"({"alg":"ES256","typ":"MT+JWT"})" : text.substr(0, newline);
  const std::string_view payload = newline == std::string_view::npos ? text : text.substr(newline + 1);
  check_signed_token(header, payload);
  if (const auto v = parse_json(payload); v && v->is_object()) check_claims(v->get_object());
  if (const auto v = parse_json(text); v && v->is_object()) (void)RemoteJwks::parse(*v);
}

}  // namespace mytoken::fuzz
