#include "store/proxy_token_kind.hpp"

namespace mytoken {

using Kind = ProxyTokenRow::Kind;

const char* proxy_token_kind_name(Kind kind) {
  switch (kind) {
    case Kind::kShortToken:
      return "short_token";
    case Kind::kTransferCode:
      return "transfer_code";
    case Kind::kPollingCode:
      return "polling_code";
  }
  return "polling_code";
}

Kind proxy_token_kind_from_name(std::string_view name) {
  if (name == "short_token") return Kind::kShortToken;
  if (name == "transfer_code") return Kind::kTransferCode;
  return Kind::kPollingCode;  // the CHECK constraint admits nothing else
}

}  // namespace mytoken
