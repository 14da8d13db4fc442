#pragma once

#include <boost/json/object.hpp>

#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "http/decoders/body_members.hpp"
#include "http/http_types.hpp"
#include "http/routes/api_routes.hpp"
#include "service/service_context.hpp"

namespace mytoken {

CallerContext caller_of(const HttpRequest& request);
// The mytoken of a request (spec §1.3): body `mytoken`, then extra body keys in order, then Bearer, then cookie.
Result<Secret> presented_mytoken(const HttpRequest& request, const boost::json::object& body,
                                 std::initializer_list<std::string_view> extra_keys = {});

// The request body with its profile and template references resolved (spec §13.1): 400 invalid_request for
// unknown names, cycles, too deep nesting and wrong types.
Result<boost::json::object> with_templates_resolved(const RouteDeps& deps, const boost::json::object& body);

}  // namespace mytoken
