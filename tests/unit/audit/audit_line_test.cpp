#include "audit/audit_line.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <chrono>

namespace mytoken {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

const system_clock::time_point kTime = system_clock::time_point(milliseconds(1'800'000'000'123));  // 2027-01-15

boost::json::object parsed(const std::string& line) {
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);  // exactly one line
  return boost::json::parse(line).as_object();
}

TEST(AuditLineTest, HasTheDocumentedFieldsAndNoOthers) {
  const AuditRecord r{
      AuditEvent::kAccessTokenIssued, "mom-1", "https://op.example", "alice", "192.0.2.1", "scope: openid"};
  const auto line = parsed(format_audit_line(r, kTime));
  EXPECT_EQ(line.at("time").as_string(), "2027-01-15T08:00:00.123Z");
  EXPECT_EQ(line.at("event").as_string(), "at_issued");
  EXPECT_EQ(line.at("mom_id").as_string(), "mom-1");
  EXPECT_EQ(line.at("iss").as_string(), "https://op.example");
  EXPECT_EQ(line.at("sub").as_string(), "alice");
  EXPECT_EQ(line.at("ip").as_string(), "192.0.2.1");
  EXPECT_EQ(line.at("detail").as_string(), "scope: openid");
  EXPECT_EQ(line.size(), 7U);  // no token, code or other secret field exists to be filled
}

TEST(AuditLineTest, EmptyOptionalFieldsAreLeftOut) {
  const auto line = parsed(format_audit_line(AuditRecord{AuditEvent::kRateLimited, "", "", "", "::1", ""}, kTime));
  EXPECT_EQ(line.size(), 3U);
  EXPECT_EQ(line.at("event").as_string(), "rate_limited");
  EXPECT_EQ(line.at("ip").as_string(), "::1");
}

TEST(AuditLineTest, HostileTextIsEscapedAndCannotForgeALine) {
  const std::string hostile = "x\"}\n{\"event\":\"login\"\r\t\x01\\";
  const AuditRecord r{AuditEvent::kRevoked, hostile, hostile, hostile, hostile, hostile};
  const auto text = format_audit_line(r, kTime);
  const auto line = parsed(text);
  EXPECT_EQ(line.at("event").as_string(), "revoked");
  EXPECT_EQ(line.at("detail").as_string(), hostile);
  EXPECT_EQ(line.at("sub").as_string(), hostile);
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_EQ(text.find('\x01'), std::string::npos);
}

TEST(AuditLineTest, EveryEventHasItsWireName) {
  const std::pair<AuditEvent, const char*> names[] = {
      {AuditEvent::kLogin, "login"},
      {AuditEvent::kTokenCreated, "token_created"},
      {AuditEvent::kTokenDelivered, "token_delivered"},
      {AuditEvent::kTransferCodeCreated, "transfer_code_created"},
      {AuditEvent::kAccessTokenIssued, "at_issued"},
      {AuditEvent::kRevoked, "revoked"},
      {AuditEvent::kRotated, "rotated"},
      {AuditEvent::kReuseDetected, "reuse_detected"},
      {AuditEvent::kRestrictionRefused, "restriction_refused"},
      {AuditEvent::kRateLimited, "rate_limited"},
  };
  for (const auto& [event, name] : names) EXPECT_EQ(audit_event_name(event), name);
}

TEST(AuditLineTest, TimeIsUtcWithMilliseconds) {
  EXPECT_EQ(rfc3339_utc_ms(system_clock::time_point(milliseconds(0))), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(rfc3339_utc_ms(system_clock::time_point(milliseconds(951'782'400'999))), "2000-02-29T00:00:00.999Z");
}

}  // namespace
}  // namespace mytoken
