#pragma once

#include <cstdint>
#include <string>

#include "crypto/server_secret.hpp"
#include "domain/ports/random.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"

namespace mytoken::bench {

// What one finished native login leaves in the store (service/complete_login.cpp): the user (upserted), the
// sealed refresh token, the token row, its key wrap, the audit record of the access token obtained with the
// refresh token, and the "created" event. Secrets are random but have their real sizes and encodings, and
// are sealed and wrapped with the real functions, so the rows are as large as real ones.
struct LoginRowsOptions {
  std::string oidc_iss = "https://op.example.org";
  int64_t tokens_per_user = 4;  // a user typically holds a few tokens (laptop, agent, CI job, ...)
  int64_t now = 0;
};

class LoginRows {
 public:
  LoginRows(const ServerSecret& secret, Random& random, LoginRowsOptions options);
  // Writes the rows of the login number `index` (users are shared by `tokens_per_user` consecutive logins).
  Result<void> write(Transaction& tx, int64_t index);

 private:
  const ServerSecret& secret_;
  Random& random_;
  LoginRowsOptions options_;
};

}  // namespace mytoken::bench
