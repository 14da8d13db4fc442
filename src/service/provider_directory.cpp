#include "service/service_context.hpp"

namespace mytoken {
namespace {
std::string_view trim_slash(std::string_view s) {
  while (!s.empty() && s.back() == '/') s.remove_suffix(1);
  return s;
}
}  // namespace

OidcProvider* ProviderDirectory::find(std::string_view issuer) const {
  for (auto* p : providers_) {
    if (trim_slash(p->issuer()) == trim_slash(issuer)) return p;
  }
  return nullptr;
}

}  // namespace mytoken
