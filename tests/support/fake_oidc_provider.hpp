#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "domain/ports/oidc_provider.hpp"

namespace mytoken::test {

// An OpenID provider whose answers the test scripts. Use-case tests use it so they run without the network;
// the real adapter (oidc/curl_oidc_provider) is tested against the dev OP. Only refresh() and
// revoke_refresh_token() do anything; every other call fails with 502. Thread-safe.
class FakeOidcProvider final : public OidcProvider {
 public:
  struct RefreshCall {
    Secret refresh_token;
    std::vector<std::string> scopes;
    std::vector<std::string> audiences;
  };

  explicit FakeOidcProvider(std::string issuer = "https://op.example");

  // The OP's answer to a refresh: an access token and, if `refresh_token` is not empty, a rotated refresh token.
  static OpTokenResponse tokens(std::string access_token, std::string refresh_token = {});
  // Queues the answer to the next refresh() that arrives; a refresh with nothing queued fails (502).
  void answer_refresh(Result<OpTokenResponse> answer);

  // While the gate is closed, every refresh() waits after taking its answer, until open_gate().
  void close_gate();
  void open_gate();
  // Blocks until `calls` refresh() calls wait at the gate. False after a generous deadline, so that a test whose
  // calls never arrive fails instead of hanging (not a timing assertion: a passing test never gets near it).
  bool wait_until_at_gate(int calls);

  std::vector<RefreshCall> refresh_calls() const;  // in order of arrival
  int most_concurrent_refreshes() const;
  int revocations() const;

  const std::string& issuer() const override { return issuer_; }
  const std::string& name() const override { return name_; }
  const std::vector<std::string>& scopes() const override { return scopes_; }
  Result<std::string> authorization_url(const AuthorizationParams& params) override;
  Result<OpTokenResponse> exchange_code(const Secret& code, const Secret& code_verifier,
                                        const std::string& redirect_uri) override;
  Result<OpTokenResponse> refresh(const Secret& refresh_token, const std::vector<std::string>& scopes,
                                  const std::vector<std::string>& audiences) override;
  Result<void> revoke_refresh_token(const Secret& refresh_token) override;
  Result<OpIdentity> identify(const OpTokenResponse& tokens) override;
  bool metadata_loaded() override { return true; }

 private:
  std::string issuer_;
  std::string name_ = "Fake OP";
  std::vector<std::string> scopes_{"openid"};

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Result<OpTokenResponse>> refresh_answers_;
  std::vector<RefreshCall> refresh_calls_;
  bool gate_closed_ = false;
  int at_gate_ = 0;
  int in_refresh_ = 0;
  int most_in_refresh_ = 0;
  int revocations_ = 0;
};

}  // namespace mytoken::test
