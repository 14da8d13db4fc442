#include "client/mytoken_response.hpp"

#include "client/client_error.hpp"
#include "client/json_fields.hpp"

namespace mytoken::client {
namespace {

std::string string_member(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace

std::optional<TokenUpdate> take_token_update(boost::json::object& answer) {
  const auto it = answer.find("token_update");
  if (it == answer.end()) return std::nullopt;
  std::optional<TokenUpdate> update;
  if (it->value().is_object()) {
    auto& o = it->value().get_object();
    TokenUpdate u{string_member(o, "mytoken"), string_member(o, "mytoken_type"), o};
    if (!u.mytoken.empty()) update = std::move(u);
  }
  answer.erase(it);
  return update;
}

Result<MytokenResponse> parse_mytoken_response(boost::json::object answer) {
  MytokenResponse r;
  r.token_update = take_token_update(answer);
  r.mytoken = string_member(answer, "mytoken");
  r.mytoken_type = string_member(answer, "mytoken_type");
  r.transfer_code = string_member(answer, "transfer_code");
  r.mom_id = string_member(answer, "mom_id");
  r.expires_in = int_member(answer, "expires_in");
  r.json = std::move(answer);
  if (r.mytoken.empty() && r.transfer_code.empty()) {
    return invalid_response(200, "the server returned neither a mytoken nor a transfer code");
  }
  return r;
}

Result<PollingStart> parse_polling_start(const boost::json::object& answer) {
  PollingStart s{string_member(answer, "consent_uri"), string_member(answer, "polling_code"),
                 int_member(answer, "expires_in"), int_member(answer, "interval")};
  if (s.consent_uri.empty() || s.polling_code.empty()) {
    return invalid_response(200, "the server did not return consent_uri and polling_code");
  }
  return s;
}

}  // namespace mytoken::client
