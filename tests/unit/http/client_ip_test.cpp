#include "http/client_ip.hpp"

#include <gtest/gtest.h>

namespace mytoken {
namespace {

TrustedProxies proxies(std::vector<std::string> entries) {
  auto parsed = TrustedProxies::parse(entries);
  EXPECT_TRUE(parsed) << (parsed ? "" : parsed.error().description);
  return parsed ? *parsed : TrustedProxies{};
}

TEST(ResolveClientIp, WithoutProxiesIsThePeer) {
  EXPECT_EQ(resolve_client_ip("192.0.2.7", "", TrustedProxies{}), "192.0.2.7");
}

TEST(ResolveClientIp, UntrustedPeerIgnoresForwardedFor) {
  const auto trusted = proxies({"10.0.0.0/8"});
  EXPECT_EQ(resolve_client_ip("192.0.2.7", "203.0.113.9", trusted), "192.0.2.7");
}

TEST(ResolveClientIp, TrustedProxyYieldsRightMostUntrustedHop) {
  const auto trusted = proxies({"10.0.0.0/8", "127.0.0.1"});
  // client spoofs "1.1.1.1"; 203.0.113.9 is what the first trusted proxy saw.
  EXPECT_EQ(resolve_client_ip("127.0.0.1", "1.1.1.1, 203.0.113.9, 10.1.2.3", trusted), "203.0.113.9");
  EXPECT_EQ(resolve_client_ip("127.0.0.1", "203.0.113.9", trusted), "203.0.113.9");
}

TEST(ResolveClientIp, TrustedProxyWithoutHeaderIsThePeer) {
  EXPECT_EQ(resolve_client_ip("10.0.0.1", "", proxies({"10.0.0.0/8"})), "10.0.0.1");
}

TEST(ResolveClientIp, AllHopsTrustedYieldsLeftMost) {
  EXPECT_EQ(resolve_client_ip("10.0.0.1", "10.0.0.3, 10.0.0.2", proxies({"10.0.0.0/8"})), "10.0.0.3");
}

TEST(ResolveClientIp, GarbageHopStopsAtLastTrustedAddress) {
  EXPECT_EQ(resolve_client_ip("10.0.0.1", "203.0.113.9, unknown", proxies({"10.0.0.0/8"})), "10.0.0.1");
  EXPECT_EQ(resolve_client_ip("10.0.0.1", "unknown, 10.0.0.2", proxies({"10.0.0.0/8"})), "10.0.0.2");
}

TEST(ResolveClientIp, HopsWithPortsAndEmptyElements) {
  const auto trusted = proxies({"10.0.0.0/8"});
  EXPECT_EQ(resolve_client_ip("10.0.0.1", "203.0.113.9:4711, ,", trusted), "203.0.113.9");
  EXPECT_EQ(resolve_client_ip("10.0.0.1", "[2001:db8::1]:443", trusted), "2001:db8::1");
}

TEST(ResolveClientIp, Ipv6AndMappedAddresses) {
  const auto trusted = proxies({"2001:db8::/32", "192.168.0.0/16"});
  EXPECT_EQ(resolve_client_ip("2001:db8::5", "2001:DB8:0:0::1, 2a00::1", trusted), "2a00::1");
  // An IPv4-mapped peer (dual-stack socket) is matched against IPv4 CIDRs and printed as IPv4.
  EXPECT_EQ(resolve_client_ip("::ffff:192.168.1.1", "::ffff:203.0.113.9", trusted), "203.0.113.9");
  EXPECT_EQ(resolve_client_ip("::ffff:198.51.100.1", "203.0.113.9", trusted), "198.51.100.1");
  EXPECT_EQ(resolve_client_ip("fe80::1%eth0", "", trusted), "fe80::1");
}

TEST(TrustedProxies, NormalisesUnalignedCidrToItsNetwork) {  // spec §21 item 10
  const auto trusted = proxies({"10.1.2.3/16"});
  EXPECT_TRUE(trusted.contains(*parse_ip("10.1.200.1")));
  EXPECT_FALSE(trusted.contains(*parse_ip("10.2.0.1")));
}

TEST(TrustedProxies, PrefixBoundaries) {
  const auto trusted = proxies({"192.0.2.128/25", "::1"});
  EXPECT_TRUE(trusted.contains(*parse_ip("192.0.2.200")));
  EXPECT_FALSE(trusted.contains(*parse_ip("192.0.2.127")));
  EXPECT_TRUE(trusted.contains(*parse_ip("::1")));
  EXPECT_FALSE(trusted.contains(*parse_ip("::2")));
  EXPECT_TRUE(proxies({"0.0.0.0/0"}).contains(*parse_ip("8.8.8.8")));
  EXPECT_FALSE(proxies({"0.0.0.0/0"}).contains(*parse_ip("2001:db8::1")));
}

TEST(TrustedProxies, RejectsMalformedEntries) {
  for (const char* entry : {"10.0.0.0/33", "::/129", "10.0.0/8", "host.example", "10.0.0.0/", "10.0.0.0/8x", ""}) {
    const auto parsed = TrustedProxies::parse({entry});
    ASSERT_FALSE(parsed) << entry;
    EXPECT_NE(parsed.error().description.find("invalid trusted proxy entry"), std::string::npos);
  }
}

TEST(ParseIp, CanonicalText) {
  EXPECT_EQ(format_ip(*parse_ip("2001:0DB8:0000::0001")), "2001:db8::1");
  EXPECT_EQ(format_ip(*parse_ip("[::1]")), "::1");
  EXPECT_FALSE(parse_ip("1.2.3.4.5"));
  EXPECT_FALSE(parse_ip(""));
}

}  // namespace
}  // namespace mytoken
