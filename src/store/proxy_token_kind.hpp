#pragma once

#include <string_view>

#include "domain/ports/store.hpp"

namespace mytoken {

// The text a store keeps in proxy_tokens.kind for each kind ("short_token", "transfer_code", "polling_code").
// Shared by every store backend.
const char* proxy_token_kind_name(ProxyTokenRow::Kind kind);

// The inverse of proxy_token_kind_name. Anything unknown maps to kPollingCode (the schema's CHECK constraint
// admits nothing else).
ProxyTokenRow::Kind proxy_token_kind_from_name(std::string_view name);

}  // namespace mytoken
