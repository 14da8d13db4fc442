#include "domain/event_type.hpp"

#include <algorithm>
#include <array>

namespace mytoken {
namespace {

// Indexed by the enumerator: the static_assert below keeps the two in step.
constexpr std::array<std::string_view, kEventTypeCount> kNames{
    "unknown",
    "created",
    "AT_created",
    "MT_created",
    "tokeninfo_introspect",
    "tokeninfo_history",
    "tokeninfo_subtokens",
    "tokeninfo_list_mytokens",
    "tokeninfo_notifications",
    "inherited_RT",
    "transfer_code_created",
    "transfer_code_used",
    "token_rotated",
    "settings_grant_enabled",
    "settings_grant_disabled",
    "settings_grants_listed",
    "ssh_keys_listed",
    "ssh_key_added",
    "revoked_other_token",
    "tokeninfo_history_other_token",
    "tokeninfo_notifications_other_token",
    "expired",
    "revoked",
    "notification_subscribed",
    "notification_listed",
    "notification_unsubscribed",
    "notification_subscribed_other",
    "notification_unsubscribed_other",
    "notification_created",
    "notification_created_other",
    "calendar_created",
    "calendar_listed",
    "calendar_deleted",
    "email_settings_listed",
    "email_changed",
    "email_mimetype_changed",
};
static_assert(std::none_of(kNames.begin(), kNames.end(), [](std::string_view n) { return n.empty(); }),
              "one wire name per EventType, in enumerator order");

}  // namespace

std::string_view event_name(EventType type) { return kNames.at(static_cast<size_t>(type)); }

std::optional<EventType> event_type_named(std::string_view name) {
  const auto it = std::find(kNames.begin(), kNames.end(), name);
  if (it == kNames.end()) return std::nullopt;
  return static_cast<EventType>(it - kNames.begin());
}

}  // namespace mytoken
