#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "domain/ports/oidc_provider.hpp"
#include "domain/result.hpp"

namespace mytoken {

// The configured OpenID providers. Immutable after construction, so thread-safe; the providers themselves are
// thread-safe too. Owns them: pointers returned by find() live as long as this object.
class OidcProviders {
 public:
  OidcProviders() = default;
  // Failure: two providers whose issuers are equal up to a trailing slash (invalid_request naming the issuer).
  static Result<OidcProviders> create(std::vector<std::unique_ptr<OidcProvider>> providers);

  // The provider whose configured issuer equals `issuer` with or without a trailing slash (spec §5.2 step 1);
  // nullptr if none. Its issuer() is the configured spelling.
  OidcProvider* find(std::string_view issuer) const;
  // In configuration order (discovery output, spec §3.1).
  const std::vector<std::unique_ptr<OidcProvider>>& all() const { return providers_; }

 private:
  explicit OidcProviders(std::vector<std::unique_ptr<OidcProvider>> providers) : providers_(std::move(providers)) {}
  std::vector<std::unique_ptr<OidcProvider>> providers_;
};

}  // namespace mytoken
