#include "cli/restriction_flags.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/failure.hpp"

namespace mytoken::cli {
namespace {

constexpr int64_t kNow = 1'700'000'000;

std::string built(const RestrictionFlags& flags) {
  const auto r = build_restrictions(flags, kNow, "/home/u");
  return r ? boost::json::serialize(*r) : "none";
}

ExitCode failure_code(const RestrictionFlags& flags) {
  try {
    (void)build_restrictions(flags, kNow, "/home/u");
  } catch (const Failure& f) {
    return f.code();
  }
  return ExitCode::kSuccess;
}

TEST(RestrictionFlags, NothingGivenSendsNothing) { EXPECT_EQ(built({}), "none"); }

TEST(RestrictionFlags, ShorthandsMakeOneClauseInWireOrder) {
  RestrictionFlags f;
  f.exp = "+1h";
  f.nbf = "1700000100";
  f.scopes = {"openid", "storage.read"};
  f.audiences = {"https://a"};
  f.hosts = {"192.0.2.0/24"};
  f.geoip_allow = {"de"};
  f.usages_at = 10;
  f.usages_other = 0;
  EXPECT_EQ(built(f), R"([{"nbf":1700000100,"exp":1700003600,"scope":"openid storage.read","audience":["https://a"],)"
                      R"("hosts":["192.0.2.0/24"],"geoip_allow":["de"],"usages_AT":10,"usages_other":0}])");
}

TEST(RestrictionFlags, IpThisAddsTheServerKeyword) {
  RestrictionFlags f;
  f.hosts = {"10.0.0.1"};
  f.ip_this = true;
  EXPECT_EQ(built(f), R"([{"hosts":["10.0.0.1","this"]}])");
}

TEST(RestrictionFlags, GeoIpDisallowAloneIsSent) {
  RestrictionFlags f;
  f.geoip_disallow = {"us"};
  EXPECT_EQ(built(f), R"([{"geoip_disallow":["us"]}])");
}

TEST(RestrictionFlags, RestrictionsJsonObjectBecomesAList) {
  RestrictionFlags f;
  f.restrictions = R"({"scope":"openid"})";
  EXPECT_EQ(built(f), R"([{"scope":"openid"}])");
}

TEST(RestrictionFlags, RestrictionsJsonArrayWinsOverShorthands) {
  RestrictionFlags f;
  f.restrictions = R"([{"scope":"a"},{"scope":"b"}])";
  f.scopes = {"ignored"};
  bool ignored = false;
  const auto r = build_restrictions(f, kNow, "/home/u", &ignored);
  ASSERT_TRUE(r);
  EXPECT_EQ(boost::json::serialize(*r), R"([{"scope":"a"},{"scope":"b"}])");
  EXPECT_TRUE(ignored);
}

TEST(RestrictionFlags, TemplateNames) {
  RestrictionFlags f;
  f.restrictions = "one";
  EXPECT_EQ(built(f), R"([{"include":"one"}])");
  f.restrictions = "one two";
  EXPECT_EQ(built(f), R"([{"include":["one","two"]}])");
}

TEST(RestrictionFlags, RestrictionsFromAFile) {
  const auto path = std::filesystem::temp_directory_path() / "mytoken-restriction-flags-test.json";
  std::ofstream(path) << R"({"usages_AT":1})";
  RestrictionFlags f;
  f.restrictions = path.string();
  EXPECT_EQ(built(f), R"([{"usages_AT":1}])");
  f.restrictions = "@" + path.string();
  EXPECT_EQ(built(f), R"([{"usages_AT":1}])");
  std::filesystem::remove(path);
  EXPECT_EQ(failure_code(f), ExitCode::kFailure);
}

TEST(RestrictionFlags, FileArgumentForms) {
  EXPECT_EQ(file_argument("./r.json", "/h"), "./r.json");
  EXPECT_EQ(file_argument("../r.json", "/h"), "../r.json");
  EXPECT_EQ(file_argument("/etc/r.json", "/h"), "/etc/r.json");
  EXPECT_EQ(file_argument("~/r.json", "/h"), "/h/r.json");
  EXPECT_EQ(file_argument("@r.json", "/h"), "r.json");
  EXPECT_FALSE(file_argument("template-name", "/h"));
}

TEST(RestrictionFlags, BadInputIsAUsageError) {
  RestrictionFlags bad_time;
  bad_time.exp = "next week";
  EXPECT_EQ(failure_code(bad_time), ExitCode::kUsage);
  RestrictionFlags bad_json;
  bad_json.restrictions = R"({"scope":)";
  EXPECT_EQ(failure_code(bad_json), ExitCode::kUsage);
  RestrictionFlags not_clauses;
  not_clauses.restrictions = R"([1,2])";
  EXPECT_EQ(failure_code(not_clauses), ExitCode::kUsage);
  RestrictionFlags negative;
  negative.usages_at = -1;
  EXPECT_EQ(failure_code(negative), ExitCode::kUsage);
}

}  // namespace
}  // namespace mytoken::cli
