#include "http/routes/route_helpers.hpp"

#include "domain/templates/template_resolution.hpp"

namespace mytoken {

CallerContext caller_of(const HttpRequest& request) {
  return {request.client_ip, std::string(request.header("user-agent").value_or("")).substr(0, 200)};
}

Result<boost::json::object> with_templates_resolved(const RouteDeps& deps, const boost::json::object& body) {
  if (deps.ctx.templates == nullptr) return body;
  auto catalogue = deps.ctx.templates->current();
  if (!catalogue) return catalogue.error();
  return resolve_request_templates(*catalogue, body);
}

}  // namespace mytoken
