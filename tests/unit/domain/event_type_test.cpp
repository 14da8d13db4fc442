#include "domain/event_type.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace mytoken {
namespace {

TEST(EventType, EveryTypeRoundTripsThroughItsWireName) {
  for (size_t i = 0; i < kEventTypeCount; ++i) {
    const auto type = static_cast<EventType>(i);
    const auto name = event_name(type);
    EXPECT_FALSE(name.empty()) << i;
    EXPECT_EQ(event_type_named(name), type) << name;
  }
}

TEST(EventType, WireNamesAreSpecSection10sFullList) {
  // spec §10 "Event names (full list)", as written there.
  const std::set<std::string> spec{"unknown",
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
                                   "email_mimetype_changed"};
  std::set<std::string> names;
  for (size_t i = 0; i < kEventTypeCount; ++i) names.emplace(event_name(static_cast<EventType>(i)));
  EXPECT_EQ(names.size(), kEventTypeCount);  // unique
  EXPECT_EQ(names, spec);
}

TEST(EventType, TheRecordedTypesHaveTheirSpecNames) {
  EXPECT_EQ(event_name(EventType::kCreated), "created");
  EXPECT_EQ(event_name(EventType::kAtCreated), "AT_created");
  EXPECT_EQ(event_name(EventType::kMtCreated), "MT_created");
  EXPECT_EQ(event_name(EventType::kInheritedRt), "inherited_RT");
  EXPECT_EQ(event_name(EventType::kTokenRotated), "token_rotated");
  EXPECT_EQ(event_name(EventType::kTransferCodeCreated), "transfer_code_created");
  EXPECT_EQ(event_name(EventType::kTransferCodeUsed), "transfer_code_used");
  EXPECT_EQ(event_name(EventType::kRevokedOtherToken), "revoked_other_token");
  EXPECT_EQ(event_name(EventType::kTokeninfoIntrospect), "tokeninfo_introspect");
  EXPECT_EQ(event_name(EventType::kTokeninfoHistory), "tokeninfo_history");
  EXPECT_EQ(event_name(EventType::kTokeninfoHistoryOtherToken), "tokeninfo_history_other_token");
  EXPECT_EQ(event_name(EventType::kTokeninfoSubtokens), "tokeninfo_subtokens");
  EXPECT_EQ(event_name(EventType::kTokeninfoListMytokens), "tokeninfo_list_mytokens");
}

TEST(EventType, AnyOtherTextNamesNoType) {
  EXPECT_EQ(event_type_named("calendar_updated"), std::nullopt);  // a newer server's event (spec §21 item 18)
  EXPECT_EQ(event_type_named("at_created"), std::nullopt);        // names are case-sensitive
  EXPECT_EQ(event_type_named(""), std::nullopt);
  EXPECT_EQ(event_type_named("created "), std::nullopt);
}

}  // namespace
}  // namespace mytoken
