#include "net/fcrdns_resolver.hpp"

#include <gtest/gtest.h>

namespace mytoken {
namespace {

// Uses the system resolver: 127.0.0.1 is "localhost" in /etc/hosts on every machine these tests run on, and
// "localhost" resolves back to 127.0.0.1, so it is forward-confirmed.
TEST(FcrdnsResolver, LoopbackIsLocalhost) {
  auto resolver = make_fcrdns_resolver(ResolverOptions{});
  EXPECT_EQ(resolver->confirmed_names("127.0.0.1"), std::vector<std::string>{"localhost"});
  EXPECT_EQ(resolver->confirmed_names("127.0.0.1"), std::vector<std::string>{"localhost"}) << "cached answer";
}

TEST(FcrdnsResolver, NotAnAddressHasNoNames) {
  auto resolver = make_fcrdns_resolver(ResolverOptions{});
  EXPECT_TRUE(resolver->confirmed_names("not an ip").empty());
  EXPECT_TRUE(resolver->confirmed_names("").empty());
}

}  // namespace
}  // namespace mytoken
