#pragma once

#include <memory>
#include <string>
#include <vector>

#include "service/common/oidc_providers.hpp"
#include "support/fake_oidc_provider.hpp"
#include "unit/service/service_test_context.hpp"

// A ServiceContext like ServiceTest's, whose provider list holds one scripted OP (https://op.example), for the
// use cases around the token tree (sub-tokens, tokeninfo, revocation by mom_id) and access tokens.
namespace mytoken::test {

inline OidcProviders one_provider(FakeOidcProvider*& out) {
  auto p = std::make_unique<FakeOidcProvider>();
  out = p.get();
  std::vector<std::unique_ptr<OidcProvider>> list;
  list.push_back(std::move(p));
  return must(OidcProviders::create(std::move(list)));
}

class TreeTest : public ::testing::Test {
 protected:
  // A child of `parent` stored as mint_subtoken stores it (no checks, no events).
  MintedMytoken child_of(const MintedMytoken& parent, Capabilities caps) {
    auto token = mint_mytoken(
        ctx_,
        MytokenSpec{
            parent.claims.oidc_sub, "https://op.example", "child", std::move(caps), {}, {}, parent.claims.auth_time});
    auto tx = must(store_->begin(TxMode::kWrite));
    const auto row = must(tx->tokens().find(parent.mom_id));
    must(store_mytoken(*tx, ctx_, token, row->user_id, row->rt_id, family_key_, parent.mom_id, kCaller));
    must(tx->commit());
    return token;
  }
  bool exists(const MomId& id) {
    auto tx = must(store_->begin(TxMode::kRead));
    return must(tx->tokens().find(id)).has_value();
  }
  // A stored login token of `user` (a new family) with the given capabilities, restrictions and rotation.
  MintedMytoken login(Capabilities caps, Restrictions restrictions = {}, std::optional<Rotation> rotation = {},
                      const std::string& user = "alice") {
    MytokenSpec spec{user,     "https://op.example", "login", std::move(caps), std::move(restrictions),
                     rotation, clock_.now()};
    auto token = mint_mytoken(ctx_, spec);
    auto tx = must(store_->begin(TxMode::kWrite));
    const auto user_id = must(tx->users().upsert(user, "https://op.example"));
    const auto rt_id = must(tx->refresh_tokens().insert(seal_refresh_token(family_key_, Secret("op-rt-" + user))));
    must(store_mytoken(*tx, ctx_, token, user_id, rt_id, family_key_, std::nullopt, kCaller));
    must(tx->commit());
    return token;
  }
  int64_t count_alices_tokens() {  // for "nothing stored" checks
    auto tx = must(store_->begin(TxMode::kWrite));
    const auto alice = must(tx->users().upsert("alice", "https://op.example"));
    return static_cast<int64_t>(must(tx->tokens().of_user(alice)).size());
  }

  const CallerContext kCaller{"192.0.2.1", "unit-test"};
  std::unique_ptr<Store> store_ = make_temp_sqlite_store();
  FakeOidcProvider* provider_ = nullptr;
  OidcProviders providers_ = one_provider(provider_);
  SigningKeyRing key_{must(SigningKey::generate(JwsAlg::kES256))};
  ServerSecret secret_ = ServerSecret::from_bytes(std::string(32, 'k'));
  MovableClock clock_;
  SystemRandom random_;
  ServiceCounters counters_;
  Secret family_key_{std::string(32, 'f')};
  ServiceContext ctx_{*store_,
                      providers_,
                      key_,
                      secret_,
                      clock_,
                      random_,
                      counters_,
                      MatchEnvironment{},
                      ServiceOptions{.issuer = "https://mytoken.example"}};
};

}  // namespace mytoken::test
