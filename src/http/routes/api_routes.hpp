#pragma once

#include <boost/json/object.hpp>

#include "http/router.hpp"
#include "service/access_tokens/issue_access_token.hpp"
#include "service/common/service_context.hpp"
#include "service/minting/server_templates.hpp"

namespace mytoken {

// What the routes call. All references must outlive the router.
struct RouteDeps {
  const ServiceContext& ctx;
  const IssueAccessToken& issue_access_token;
  boost::json::object discovery;  // built once at start-up
  // API/pt (spec §13.2) is served only if `profiles_endpoint`; its writes are authorized by `template_writers`.
  // The templates themselves are ctx.templates.
  bool profiles_endpoint = false;
  const TemplateWriters* template_writers = nullptr;
};

// Registers every endpoint of spec §2 that this server implements.
void register_api_routes(Router& router, const RouteDeps& deps);

}  // namespace mytoken
