#pragma once

#include <boost/json/object.hpp>

#include "http/router.hpp"
#include "service/issue_access_token.hpp"
#include "service/service_context.hpp"

namespace mytoken {

// What the routes call. All references must outlive the router.
struct RouteDeps {
  const ServiceContext& ctx;
  const IssueAccessToken& issue_access_token;
  boost::json::object discovery;  // built once at start-up
  boost::json::object jwks;
};

// Registers every endpoint of spec §2 that this server implements.
void register_api_routes(Router& router, const RouteDeps& deps);

}  // namespace mytoken
