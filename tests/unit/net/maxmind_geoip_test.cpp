#include "net/maxmind_geoip.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_sqlite_store.hpp"

namespace mytoken {
namespace {

TEST(IsNonPublicAddress, PrivateLoopbackLinkLocalAndSharedRanges) {
  for (const char* ip : {"10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "127.0.0.1", "169.254.3.4",
                         "100.64.0.1", "::1", "fd00::1", "fe80::1", "::ffff:192.168.1.1"}) {
    EXPECT_TRUE(is_non_public_address(ip)) << ip;
  }
}

TEST(IsNonPublicAddress, PublicAddressesAndGarbageAreNot) {
  for (const char* ip : {"81.2.69.160", "172.32.0.1", "100.128.0.1", "2a03:2880::1", "::ffff:81.2.69.160", "", "x"}) {
    EXPECT_FALSE(is_non_public_address(ip)) << ip;
  }
}

TEST(MaxmindGeoIp, PrivateAddressesAreTheHomeCountryEvenWithoutDatabase) {  // spec §21 item 10
  auto geo = open_maxmind_geoip(GeoIpOptions{.db_file = {}, .home_country = "de"});
  ASSERT_TRUE(geo);
  EXPECT_EQ((*geo)->country_of("127.0.0.1"), "DE");
  EXPECT_EQ((*geo)->country_of("192.168.0.5"), "DE");
  EXPECT_EQ((*geo)->country_of("81.2.69.160"), std::nullopt) << "no database: public addresses are unknown";
}

TEST(MaxmindGeoIp, NoHomeCountryMeansUnknown) {
  auto geo = open_maxmind_geoip(GeoIpOptions{});
  ASSERT_TRUE(geo);
  EXPECT_EQ((*geo)->country_of("127.0.0.1"), std::nullopt);
}

TEST(MaxmindGeoIp, RejectsABadHomeCountry) {
  EXPECT_FALSE(open_maxmind_geoip(GeoIpOptions{.db_file = {}, .home_country = "DEU"}));
  EXPECT_FALSE(open_maxmind_geoip(GeoIpOptions{.db_file = {}, .home_country = "1x"}));
}

TEST(MaxmindGeoIp, RejectsAFileThatIsNotAMaxmindDatabase) {
  test::TempStoreDir dir;
  const auto file = dir.path() / "broken.mmdb";
  std::ofstream(file) << "not a database";
  auto geo = open_maxmind_geoip(GeoIpOptions{.db_file = file, .home_country = ""});
  ASSERT_FALSE(geo);
  EXPECT_NE(geo.error().description.find("broken.mmdb"), std::string::npos);
  EXPECT_FALSE(open_maxmind_geoip(GeoIpOptions{.db_file = dir.path() / "missing.mmdb", .home_country = ""}));
}

}  // namespace
}  // namespace mytoken
