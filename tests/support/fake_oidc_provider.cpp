#include "support/fake_oidc_provider.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

namespace mytoken::test {
namespace {

ApiError not_scripted(const char* call) { return ApiError::oidc_error(502, std::string(call) + " not scripted"); }

}  // namespace

FakeOidcProvider::FakeOidcProvider(std::string issuer) : issuer_(std::move(issuer)) {}

OpTokenResponse FakeOidcProvider::tokens(std::string access_token, std::string refresh_token) {
  OpTokenResponse response;
  response.access_token = Secret(std::move(access_token));
  response.refresh_token = Secret(std::move(refresh_token));
  response.token_type = "Bearer";
  response.expires_in = 3600;
  return response;
}

void FakeOidcProvider::answer_refresh(Result<OpTokenResponse> answer) {
  std::lock_guard lock(mutex_);
  refresh_answers_.push_back(std::move(answer));
}

void FakeOidcProvider::close_gate() {
  std::lock_guard lock(mutex_);
  gate_closed_ = true;
}

void FakeOidcProvider::open_gate() {
  {
    std::lock_guard lock(mutex_);
    gate_closed_ = false;
  }
  changed_.notify_all();
}

bool FakeOidcProvider::wait_until_at_gate(int calls) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, std::chrono::seconds(30), [&] { return at_gate_ >= calls; });
}

std::vector<FakeOidcProvider::RefreshCall> FakeOidcProvider::refresh_calls() const {
  std::lock_guard lock(mutex_);
  return refresh_calls_;
}

int FakeOidcProvider::most_concurrent_refreshes() const {
  std::lock_guard lock(mutex_);
  return most_in_refresh_;
}

int FakeOidcProvider::revocations() const {
  std::lock_guard lock(mutex_);
  return revocations_;
}

Result<std::string> FakeOidcProvider::authorization_url(const AuthorizationParams&) {
  return not_scripted("authorization_url");
}

Result<OpTokenResponse> FakeOidcProvider::exchange_code(const Secret&, const Secret&, const std::string&) {
  return not_scripted("exchange_code");
}

Result<OpTokenResponse> FakeOidcProvider::refresh(const Secret& refresh_token, const std::vector<std::string>& scopes,
                                                  const std::vector<std::string>& audiences) {
  std::unique_lock lock(mutex_);
  refresh_calls_.push_back(RefreshCall{refresh_token, scopes, audiences});
  Result<OpTokenResponse> answer = not_scripted("refresh");
  if (!refresh_answers_.empty()) {
    answer = std::move(refresh_answers_.front());
    refresh_answers_.pop_front();
  }
  ++in_refresh_;
  most_in_refresh_ = std::max(most_in_refresh_, in_refresh_);
  if (gate_closed_) {  // the gate stands for the OP's round trip: calls overlap only there
    ++at_gate_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return !gate_closed_; });
    --at_gate_;
  }
  --in_refresh_;
  return answer;
}

Result<void> FakeOidcProvider::revoke_refresh_token(const Secret&) {
  std::lock_guard lock(mutex_);
  ++revocations_;
  return {};
}

Result<OpIdentity> FakeOidcProvider::identify(const OpTokenResponse&) { return not_scripted("identify"); }

}  // namespace mytoken::test
