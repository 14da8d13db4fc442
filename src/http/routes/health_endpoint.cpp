#include <boost/json/value.hpp>

#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"

namespace mytoken {

// GET /health: liveness for load balancers and the ceiling of the HTTP layer in bench/run. It reads nothing of
// the request and touches neither the database nor the OP, so it says "the process serves HTTP", no more.
HttpResponse handle_health(HttpRequest&) {
  static const boost::json::value kOk = {{"status", "ok"}};
  return json_response(200, kOk);
}

}  // namespace mytoken
