#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace mytoken {

// The kinds of history event, in the order of spec §10's full list (the reference server's event ids). Every
// writer names its event by one of these; the wire name (stored and shown by tokeninfo event_history) comes
// from the one table in event_type.cpp. `kExpired` and `kRevoked` are defined but never recorded (spec §10).
enum class EventType {
  kUnknown,
  kCreated,
  kAtCreated,
  kMtCreated,
  kTokeninfoIntrospect,
  kTokeninfoHistory,
  kTokeninfoSubtokens,
  kTokeninfoListMytokens,
  kTokeninfoNotifications,
  kInheritedRt,
  kTransferCodeCreated,
  kTransferCodeUsed,
  kTokenRotated,
  kSettingsGrantEnabled,
  kSettingsGrantDisabled,
  kSettingsGrantsListed,
  kSshKeysListed,
  kSshKeyAdded,
  kRevokedOtherToken,
  kTokeninfoHistoryOtherToken,
  kTokeninfoNotificationsOtherToken,
  kExpired,
  kRevoked,
  kNotificationSubscribed,
  kNotificationListed,
  kNotificationUnsubscribed,
  kNotificationSubscribedOther,
  kNotificationUnsubscribedOther,
  kNotificationCreated,
  kNotificationCreatedOther,
  kCalendarCreated,
  kCalendarListed,
  kCalendarDeleted,
  kEmailSettingsListed,
  kEmailChanged,
  kEmailMimetypeChanged,
};
inline constexpr size_t kEventTypeCount = static_cast<size_t>(EventType::kEmailMimetypeChanged) + 1;

// The wire name of `type` ("AT_created" for kAtCreated).
std::string_view event_name(EventType type);
// The type whose wire name is exactly `name` (case-sensitive), nullopt for any other text. A stored row may hold
// a name this table lacks (written by another server version): readers show such a name as stored.
std::optional<EventType> event_type_named(std::string_view name);

}  // namespace mytoken
