#include "http/decoders/subtoken_request_decoding.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "domain/restrictions.hpp"
#include "http/decoders/body_members.hpp"
#include "util/strings.hpp"

namespace mytoken {

Result<SubtokenRequest> decode_subtoken_request(const boost::json::object& body, int64_t now,
                                                std::string_view caller_ip) {
  SubtokenRequest r;
  for (auto [key, target] : {std::pair{"oidc_issuer", &r.oidc_issuer}, std::pair{"name", &r.name},
                             std::pair{"application_name", &r.application_name}}) {
    auto value = string_member(body, key);
    if (!value) return value.error();
    *target = std::move(*value);
  }
  if (utf8_length(r.name) > 100) return ApiError::invalid_request("name must not exceed 100 characters");
  auto response_type = string_member(body, "response_type");
  if (!response_type) return response_type.error();
  if (!response_type->empty()) r.response_type = std::move(*response_type);  // unknown ones mean token (spec §4.4)
  if (const auto* v = member(body, "max_token_len")) {
    const bool fits = (v->is_int64() && v->get_int64() >= 0) || v->is_uint64();
    if (!fits) return ApiError::invalid_request("max_token_len must be a non-negative integer");
    r.max_token_len =
        v->is_int64() ? v->get_int64()
                      : static_cast<int64_t>(std::min<uint64_t>(v->get_uint64(), std::numeric_limits<int64_t>::max()));
  }
  if (const auto* v = member(body, "error_on_restrictions")) {
    if (!v->is_bool()) return ApiError::invalid_request("error_on_restrictions must be a boolean");
    r.error_on_restrictions = v->get_bool();
  }
  if (const auto* v = member(body, "capabilities")) {
    auto caps = parse_requested_capabilities(*v);
    if (!caps) return caps.error();
    r.capabilities = std::move(*caps);
  }
  if (const auto* v = member(body, "restrictions")) {
    auto restrictions = parse_restrictions(*v, now, caller_ip);
    if (!restrictions) return restrictions.error();
    r.restrictions = std::move(*restrictions);
  }
  if (auto it = body.find("rotation"); it != body.end()) {
    auto rotation = parse_rotation(it->value());
    if (!rotation) return rotation.error();
    r.rotation = *rotation;
  }
  return r;
}

}  // namespace mytoken
