#pragma once

#include <boost/json/object.hpp>

#include "domain/result.hpp"
#include "http/decoders/body_members.hpp"
#include "http/decoders/presented_mytoken.hpp"
#include "http/http_types.hpp"
#include "http/routes/api_routes.hpp"
#include "service/common/service_context.hpp"

namespace mytoken {

CallerContext caller_of(const HttpRequest& request);

// The request body with its profile and template references resolved (spec §13.1): 400 invalid_request for
// unknown names, cycles, too deep nesting and wrong types.
Result<boost::json::object> with_templates_resolved(const RouteDeps& deps, const boost::json::object& body);

}  // namespace mytoken
