// Fuzz entry: what the `mytoken` CLI reads from a server (cli spec §3, §10): discovery documents, error
// bodies, MytokenResponses, polling starts, JWT payloads it displays, and the tokeninfo renderers. A hostile or
// broken server must never crash the client or make it print a rotated token.
#include <boost/json/parse.hpp>

#include "cli/tokeninfo_rendering.hpp"
#include "client/client_error.hpp"
#include "client/mytoken_response.hpp"
#include "client/server_metadata.hpp"
#include "client/unverified_jwt.hpp"
#include "fuzz_entries.hpp"

namespace mytoken::fuzz {
namespace {

constexpr int64_t kNow = 1767225600;  // 2026-01-01

void check_answer_object(const boost::json::object& answer) {
  if (const auto r = client::parse_mytoken_response(answer)) {
    fuzz_check(!r->mytoken.empty() || !r->transfer_code.empty(), "a MytokenResponse without token or code");
    fuzz_check(!r->json.contains("token_update"), "token_update left in the printable answer");
  }
  if (const auto s = client::parse_polling_start(answer)) {
    fuzz_check(!s->consent_uri.empty() && !s->polling_code.empty(), "a polling start without uri or code");
  }
  boost::json::object copy = answer;
  (void)client::take_token_update(copy);
  fuzz_check(!copy.contains("token_update"), "take_token_update left token_update behind");
  for (const bool colours : {false, true}) {
    const cli::DisplayStyle style{.colours = colours};
    (void)cli::render_introspection(answer, kNow, style);
    (void)cli::render_token_tree(answer, colours, kNow, style);
  }
  (void)cli::render_history(answer);
}

}  // namespace

void fuzz_client_response(Input data) {
  const std::string_view body = as_text(data);
  if (const auto metadata = client::parse_server_metadata(body)) {
    fuzz_check(!metadata->issuer.empty() && !metadata->mytoken_endpoint.empty(), "metadata without required keys");
  }
  const ApiError error = client::error_from_reply(400, body);
  fuzz_check(!error.error.empty() && error.status == 400, "error_from_reply lost the error or the status");
  (void)client::unverified_jwt_payload(body);
  boost::system::error_code ec;
  const auto json = boost::json::parse(body, ec);
  if (!ec && json.is_object()) check_answer_object(json.get_object());
}

}  // namespace mytoken::fuzz
