#pragma once

#include <boost/json/object.hpp>

#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "service/common/service_context.hpp"

namespace mytoken {

// POST API/tokeninfo action=introspect (spec §10): the token's claims with per-clause usages done.
// Capability tokeninfo:introspect; no restriction check, no usage, no rotation; event tokeninfo_introspect.
Result<boost::json::object> introspect(const ServiceContext& ctx, const Secret& mytoken, const CallerContext& caller);

}  // namespace mytoken
