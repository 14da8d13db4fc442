#include "http/routes/admin_routes.hpp"

#include <boost/json/value.hpp>
#include <utility>

#include "http/responses.hpp"

namespace mytoken {

void register_admin_routes(Router& router, const metrics::Registry& registry,
                           std::function<std::optional<std::string>()> not_ready_reason) {
  router.add("GET", "/metrics", [&registry](HttpRequest&) {
    HttpResponse response;
    response.body = registry.render();
    set_header(response, "Content-Type", std::string(metrics::kTextFormatContentType));
    set_header(response, "Cache-Control", "no-store");
    return response;
  });
  router.add("GET", "/health/live", [](HttpRequest&) { return json_response(200, {{"status", "ok"}}); });
  router.add("GET", "/health/ready", [ready = std::move(not_ready_reason)](HttpRequest&) {
    if (auto reason = ready(); reason) return json_response(503, {{"status", "unavailable"}, {"reason", *reason}});
    return json_response(200, {{"status", "ok"}});
  });
}

}  // namespace mytoken
