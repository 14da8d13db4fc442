// serialize_jwt_payload (declared in mytoken_claims.hpp), spec §21 item 20.
#include "domain/json_writer.hpp"
#include "domain/mytoken_claims.hpp"

namespace mytoken {

// Why these bytes: in base64 a 6-bit group of 62 ('-' in base64url) or 63 ('_') can only come from a byte
// >= 0x80 or from the low six bits of the third byte of a triple being 0x3e/0x3f, i.e. '>', '?', '~' or DEL.
// With none of them in the text, the token's payload decodes with plain `base64 -d`.
std::string serialize_jwt_payload(const boost::json::object& payload) {
  return domain_internal::write_json(payload, domain_internal::JsonEscaping::kAsciiSafe);
}

}  // namespace mytoken
