#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "service/common/service_context.hpp"

namespace mytoken {

struct DiscoveryFeatures {
  bool token_revocation = true;
  bool tokeninfo_introspect = true;
  bool short_tokens = true;      // spec §4.5
  bool transfer_codes = true;    // spec §4.6, §5.6
  bool server_profiles = false;  // spec §13.2: API/pt
};

// /.well-known/mytoken-configuration (spec §3.1), advertising exactly what this server implements (spec §21
// item 13). Built once at start-up.
boost::json::object discovery_document(const ServiceOptions& options, const OidcProviders& providers,
                                       std::string_view signing_alg, const DiscoveryFeatures& features);

}  // namespace mytoken
