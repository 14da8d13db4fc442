// tests/unit/crypto/server_secret_test.cpp (mirrors src/crypto/server_secret.cpp; design §4)
#include "crypto/server_secret.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>
#include <vector>

#include "crypto/encoding.hpp"
#include "jws_test_support.hpp"

namespace mytoken {
namespace {

namespace fs = std::filesystem;

const ServerSecret& pepper() {
  static const ServerSecret secret = ServerSecret::from_bytes(std::string(32, 'p'));
  return secret;
}

TEST(ServerSecretFile, Creates32RandomBytesWithMode0600AndReloadsThem) {
  test::TempDir dir;
  const fs::path path = dir.path() / "secrets" / "pepper";
  const auto created = ServerSecret::load_or_create(path);
  ASSERT_TRUE(created.has_value()) << created.error().log_detail;
  EXPECT_EQ(fs::file_size(path), 32u);
  EXPECT_EQ(test::mode_of(path), fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(test::mode_of(dir.path() / "secrets"), fs::perms::owner_all);

  const auto reloaded = ServerSecret::load_or_create(path);
  ASSERT_TRUE(reloaded.has_value());
  EXPECT_EQ(reloaded->lookup_hash("code", "abc"), created->lookup_hash("code", "abc"));
  EXPECT_EQ(reloaded->derive_key("mytoken", "abc"), created->derive_key("mytoken", "abc"));
  EXPECT_EQ(created->lookup_hash("code", "abc"),
            ServerSecret::from_bytes(test::read_file(path)).lookup_hash("code", "abc"));
}

TEST(ServerSecretFile, TwoFilesHoldDifferentSecrets) {
  test::TempDir dir;
  const auto a = ServerSecret::load_or_create(dir.path() / "a");
  const auto b = ServerSecret::load_or_create(dir.path() / "b");
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  EXPECT_NE(test::read_file(dir.path() / "a"), test::read_file(dir.path() / "b"));
  EXPECT_NE(a->lookup_hash("code", "abc"), b->lookup_hash("code", "abc"));
}

TEST(ServerSecretFile, ConcurrentFirstStartsAgreeOnOneSecret) {  // instances share the pepper (design §4)
  test::TempDir dir;
  std::vector<std::string> hashes(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < hashes.size(); ++i) {
    threads.emplace_back([&, i] {
      const auto secret = ServerSecret::load_or_create(dir.path() / "pepper");
      if (secret) hashes[i] = secret->lookup_hash("code", "abc");
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& h : hashes) EXPECT_EQ(h, hashes[0]);
  EXPECT_FALSE(hashes[0].empty());
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(ServerSecretFile, RejectsAFileShorterThan32Bytes) {
  test::TempDir dir;
  std::ofstream(dir.path() / "short", std::ios::binary) << std::string(31, 'x');
  const auto got = ServerSecret::load_or_create(dir.path() / "short");
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().status, 500);
  std::ofstream(dir.path() / "empty", std::ios::binary) << "";
  EXPECT_FALSE(ServerSecret::load_or_create(dir.path() / "empty").has_value());
}

TEST(ServerSecretFile, AcceptsLongerFiles) {
  test::TempDir dir;
  std::ofstream(dir.path() / "long", std::ios::binary) << std::string(100, 'x');
  const auto got = ServerSecret::load_or_create(dir.path() / "long");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->lookup_hash("code", "abc").size(), 43u);
}

TEST(LookupHash, IsDeterministicBase64UrlOf32Bytes) {
  const std::string h = pepper().lookup_hash("transfer_code", "ABCDEFGH");
  EXPECT_EQ(h, pepper().lookup_hash("transfer_code", "ABCDEFGH"));
  EXPECT_EQ(base64url_decode(h)->size(), 32u);
}

TEST(LookupHash, SeparatesPurposesValuesAndPeppers) {
  const std::string h = pepper().lookup_hash("transfer_code", "ABCDEFGH");
  EXPECT_NE(h, pepper().lookup_hash("polling_code", "ABCDEFGH"));
  EXPECT_NE(h, pepper().lookup_hash("transfer_code", "ABCDEFGI"));
  EXPECT_NE(h, ServerSecret::from_bytes(std::string(32, 'q')).lookup_hash("transfer_code", "ABCDEFGH"));
  // The NUL separator keeps "<purpose>" and "<value>" apart.
  EXPECT_NE(pepper().lookup_hash("ab", "c"), pepper().lookup_hash("a", "bc"));
}

TEST(DeriveKey, Gives32BytesSeparatedByPurposeAndValue) {
  const std::string k = pepper().derive_key("mytoken", "eyJ...");
  EXPECT_EQ(k.size(), 32u);
  EXPECT_EQ(k, pepper().derive_key("mytoken", "eyJ..."));
  EXPECT_NE(k, pepper().derive_key("short_token", "eyJ..."));
  EXPECT_NE(k, pepper().derive_key("mytoken", "eyK..."));
  EXPECT_NE(k, ServerSecret::from_bytes(std::string(32, 'q')).derive_key("mytoken", "eyJ..."));
}

TEST(DeriveKey, NeverEqualsTheStoredLookupHash) {  // a stored lookup hash must not be a usable key
  EXPECT_NE(pepper().derive_key("code", "abc"), *base64url_decode(pepper().lookup_hash("code", "abc")));
}

}  // namespace
}  // namespace mytoken
