#include "service/common/oidc_providers.hpp"

#include <string>
#include <utility>

namespace mytoken {

namespace {

std::string_view without_trailing_slash(std::string_view issuer) {
  if (issuer.ends_with('/')) issuer.remove_suffix(1);
  return issuer;
}

}  // namespace

Result<OidcProviders> OidcProviders::create(std::vector<std::unique_ptr<OidcProvider>> providers) {
  for (size_t i = 0; i < providers.size(); ++i) {
    if (!providers[i]) return ApiError::internal("OidcProviders::create: null provider");
    for (size_t j = 0; j < i; ++j) {
      if (without_trailing_slash(providers[i]->issuer()) == without_trailing_slash(providers[j]->issuer())) {
        return ApiError::invalid_request("provider issuer configured twice: " + providers[i]->issuer());
      }
    }
  }
  return OidcProviders(std::move(providers));
}

OidcProvider* OidcProviders::find(std::string_view issuer) const {
  if (issuer.empty()) return nullptr;
  for (const auto& provider : providers_) {
    if (provider->issuer() == issuer) return provider.get();
  }
  for (const auto& provider : providers_) {
    if (without_trailing_slash(provider->issuer()) == without_trailing_slash(issuer)) return provider.get();
  }
  return nullptr;
}

}  // namespace mytoken
