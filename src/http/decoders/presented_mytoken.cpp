#include "http/decoders/presented_mytoken.hpp"

#include "http/decoders/body_members.hpp"
#include "http/request_decoding.hpp"

namespace mytoken {

Result<Secret> presented_mytoken(const HttpRequest& request, const boost::json::object& body,
                                 std::initializer_list<std::string_view> extra_keys) {
  auto from_body = string_member(body, "mytoken");
  if (!from_body) return from_body.error();
  if (!from_body->empty()) return Secret(std::move(*from_body));
  for (auto key : extra_keys) {
    auto value = string_member(body, key);
    if (!value) return value.error();
    if (!value->empty()) return Secret(std::move(*value));
  }
  if (auto bearer = bearer_token(request); bearer && !bearer->empty()) return Secret(std::string(*bearer));
  if (auto c = cookie(request, "mytoken"); c && !c->empty()) return Secret(std::string(*c));
  return Secret();
}

}  // namespace mytoken
