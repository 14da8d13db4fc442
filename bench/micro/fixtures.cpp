#include "fixtures.hpp"

#include <cstdio>
#include <cstdlib>

namespace mytoken::bench {

Restrictions three_clause_restrictions() {
  return {
      RestrictionClause{.nbf = kNow - 3600,
                        .exp = kNow + 86400,
                        .scopes = {"openid", "profile"},
                        .audiences = {"https://api.example.org"},
                        .hosts = {"192.0.2.0/24"},
                        .usages_AT = 10},
      RestrictionClause{.exp = kNow + 7 * 86400,
                        .scopes = {"openid", "storage.read"},
                        .hosts = {"198.51.100.7", "2001:db8::/32"},
                        .geoip_disallow = {"XX"},
                        .usages_AT = 100,
                        .usages_other = 20},
      RestrictionClause{.nbf = kNow - 60,
                        .exp = kNow + 30 * 86400,
                        .scopes = {"openid", "email", "storage.read", "storage.write"},
                        .audiences = {"https://storage.example.org", "https://compute.example.org"},
                        .hosts = {"203.0.113.0/24", "10.0.0.0/8"},
                        .usages_other = 50},
  };
}

MytokenClaims sample_claims() {
  MytokenClaims c;
  c.iss = "https://mytoken.example.org";
  c.sub = "Xn6cYz8cV6Jb0o3oE0eTqH1cQv3mYl0G0nO6N2uQ1kA=";
  c.aud = "https://mytoken.example.org";
  c.jti = "5f0c2a3e-8b7d-4c1e-9a6f-2d4b8e0c1f37";
  c.seq_no = 3;
  c.iat = kNow;
  c.nbf = kNow;
  c.exp = kNow + 30 * 86400;
  c.auth_time = kNow - 120;
  c.name = "laptop <backup> & sync";  // exercises the \uXXXX escaping of serialize_jwt_payload
  c.oidc_sub = "2b1c0f3e-7d4a-4b8e-a1f2-9c3d5e6f7a8b";
  c.oidc_iss = "https://accounts.example.org/realms/main";
  c.capabilities = {"AT", "create_mytoken", "tokeninfo:introspect", "manage_mytokens:list"};
  c.restrictions = three_clause_restrictions();
  c.rotation = Rotation{.on_AT = true, .lifetime = 86400, .auto_revoke = true};
  return c;
}

std::string sample_payload() { return serialize_jwt_payload(claims_to_json(sample_claims())); }

SigningKey generate_key(JwsAlg alg) {
  auto key = SigningKey::generate(alg);
  if (!key) {
    std::fprintf(stderr, "cannot generate a %s key\n", std::string(jws_alg_name(alg)).c_str());
    std::abort();
  }
  return std::move(*key);
}

}  // namespace mytoken::bench
