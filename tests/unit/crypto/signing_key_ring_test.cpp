// tests/unit/crypto/signing_key_ring_test.cpp: the signing keys of a rollover (SigningKeyRing and the file
// operations of `mytokend keys`, docs/operations.md).
#include "crypto/signing_key_ring.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

#include "crypto/signing_key_rollover.hpp"
#include "jws_test_support.hpp"
#include "support/must.hpp"

namespace mytoken {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kTyp = "MT+JWT";
constexpr std::chrono::milliseconds kEveryUse{0};
using test::must;

void write_file(const fs::path& path, std::string_view contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

class SigningKeyRollover : public ::testing::Test {
 protected:
  test::TempDir dir_;  // first: files_ is made from it
  SigningKeyFiles files_{dir_.path() / "signing-key.pem", dir_.path() / "verification-keys", JwsAlg::kES256};
  std::vector<std::string> reloads_;

  std::unique_ptr<SigningKeyRing> open_ring() {
    auto ring = SigningKeyRing::open(
        files_, [this](bool failed, const std::string& m) { reloads_.push_back((failed ? "failed: " : "") + m); },
        kEveryUse);
    EXPECT_TRUE(ring) << ring.error().log_detail;
    return ring ? std::move(*ring) : nullptr;
  }
  SigningKey must_load(const fs::path& path) const { return must(SigningKey::load(path, files_.alg)); }
  static size_t key_count(const SigningKeyRing& ring) { return ring.jwks().at("keys").as_array().size(); }
};

TEST_F(SigningKeyRollover, OpenCreatesTheCurrentKeyAndPublishesOnlyIt) {
  auto ring = open_ring();
  ASSERT_TRUE(ring);
  EXPECT_TRUE(fs::exists(files_.current_key));
  EXPECT_EQ(key_count(*ring), 1u);
  EXPECT_TRUE(ring->verify(ring->sign(kTyp, "{}"), kTyp));
}

TEST_F(SigningKeyRollover, RotationKeepsOldTokensValidAndSignsWithTheNewKey) {
  auto ring = open_ring();
  const std::string old_token = ring->sign(kTyp, R"({"n":1})");
  const auto generation = ring->generation();

  auto kid = rotate_signing_key(files_);
  ASSERT_TRUE(kid) << kid.error().log_detail;
  // The running ring follows without restart: both keys published, the new one signs, old tokens still verify.
  EXPECT_EQ(key_count(*ring), 2u);
  EXPECT_NE(ring->generation(), generation);
  const auto current = must_load(files_.current_key);
  EXPECT_EQ(current.kid(), *kid);
  const std::string new_token = ring->sign(kTyp, R"({"n":2})");
  EXPECT_TRUE(current.verify(new_token, kTyp));
  EXPECT_TRUE(ring->verify(old_token, kTyp));
  EXPECT_TRUE(ring->verify(new_token, kTyp));
  ASSERT_FALSE(reloads_.empty());
  EXPECT_NE(reloads_.back().find("reloaded"), std::string::npos);
}

TEST_F(SigningKeyRollover, RetiringTheOldKeyRefusesItsTokens) {
  auto ring = open_ring();
  const std::string old_kid = must_load(files_.current_key).kid();
  const std::string old_token = ring->sign(kTyp, "{}");
  ASSERT_TRUE(rotate_signing_key(files_));
  ASSERT_TRUE(ring->verify(old_token, kTyp));

  ASSERT_TRUE(retire_signing_key(files_, old_kid));
  auto refused = ring->verify(old_token, kTyp);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().description, "token signature invalid");
  EXPECT_EQ(key_count(*ring), 1u);
}

TEST_F(SigningKeyRollover, TheCurrentKeyCannotBeRetiredNorAnUnknownOne) {
  auto ring = open_ring();
  const std::string current = must_load(files_.current_key).kid();
  auto refused = retire_signing_key(files_, current);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().description, "key " + current + " is the current key");
  auto unknown = retire_signing_key(files_, "no-such-kid");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().description, "no verification-only key no-such-kid");
  EXPECT_TRUE(ring->verify(ring->sign(kTyp, "{}"), kTyp));
}

TEST_F(SigningKeyRollover, AStagedKeyVerifiesBeforeItSignsAndSignsOnceActivated) {
  auto ring = open_ring();
  const std::string first_kid = must_load(files_.current_key).kid();
  auto staged = stage_signing_key(files_);
  ASSERT_TRUE(staged) << staged.error().log_detail;
  EXPECT_EQ(key_count(*ring), 2u);
  EXPECT_EQ(must_load(files_.current_key).kid(), first_kid) << "staging must not change the signing key";

  ASSERT_TRUE(activate_signing_key(files_, *staged));
  EXPECT_EQ(must_load(files_.current_key).kid(), *staged);
  EXPECT_EQ(key_count(*ring), 2u) << "the old key stays for verification, the staged copy is gone";
  auto keys = read_signing_keys(files_);
  ASSERT_TRUE(keys);
  ASSERT_EQ(keys->verification_only.size(), 1u);
  EXPECT_EQ(keys->verification_only[0].key.kid(), first_kid);
}

TEST_F(SigningKeyRollover, ABrokenKeyFileKeepsTheLastGoodKeysAndIsReportedOnce) {
  auto ring = open_ring();
  const std::string token = ring->sign(kTyp, "{}");
  fs::create_directories(files_.verification_keys_dir);
  write_file(files_.verification_keys_dir / "ES256-bogus.pem", "not a key");
  EXPECT_TRUE(ring->verify(token, kTyp));
  EXPECT_TRUE(ring->verify(token, kTyp));
  const auto failures =
      std::count_if(reloads_.begin(), reloads_.end(), [](const std::string& m) { return m.starts_with("failed: "); });
  EXPECT_EQ(failures, 1);
  EXPECT_EQ(key_count(*ring), 1u);
}

TEST_F(SigningKeyRollover, AFileWhoseNameIsNotItsKidIsRefused) {
  ASSERT_TRUE(open_ring());
  auto other = must(SigningKey::generate(JwsAlg::kES256));
  ASSERT_TRUE(other.save(files_.verification_keys_dir / "ES256-wrongkid.pem", SigningKey::SaveMode::kCreate));
  auto keys = read_signing_keys(files_);
  ASSERT_FALSE(keys);
  EXPECT_NE(keys.error().log_detail.find("not the one its name says"), std::string::npos);
}

TEST_F(SigningKeyRollover, OtherFilesInTheDirectoryAreIgnored) {
  ASSERT_TRUE(open_ring());
  fs::create_directories(files_.verification_keys_dir);
  write_file(files_.verification_keys_dir / "README", "notes");
  write_file(files_.verification_keys_dir / "ES256-x.pem.tmp-0011", "partial");
  auto keys = read_signing_keys(files_);
  ASSERT_TRUE(keys) << keys.error().log_detail;
  EXPECT_TRUE(keys->verification_only.empty());
}

TEST_F(SigningKeyRollover, TokensOfAKeyWithAnotherAlgVerifyAfterAnAlgChange) {
  auto ring = open_ring();
  const std::string es256_token = ring->sign(kTyp, "{}");
  files_.alg = JwsAlg::kEdDSA;  // the operator changed signing.mytoken.alg, then rotated and restarted
  ASSERT_TRUE(rotate_signing_key(files_));
  auto restarted = open_ring();
  ASSERT_TRUE(restarted);
  EXPECT_TRUE(restarted->verify(es256_token, kTyp));
  EXPECT_TRUE(restarted->verify(restarted->sign(kTyp, "{}"), kTyp));
  EXPECT_EQ(key_count(*restarted), 2u);
}

TEST_F(SigningKeyRollover, ManyThreadsSignAndVerifyWhileTheKeysRotate) {  // under TSan: label concurrency
  auto ring = open_ring();
  std::atomic<bool> done{false};
  std::atomic<int> refused{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&] {
      while (!done.load()) {
        // Nothing is retired here, so every token signed at any moment must verify at every later one.
        if (!ring->verify(ring->sign(kTyp, "{}"), kTyp)) refused.fetch_add(1);
        (void)ring->jwks();
        (void)ring->generation();
      }
    });
  }
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(rotate_signing_key(files_));
  ASSERT_TRUE(stage_signing_key(files_));
  done = true;
  for (auto& w : workers) w.join();
  EXPECT_EQ(refused.load(), 0);
  EXPECT_EQ(key_count(*ring), 5u);
}

TEST(SigningKeyRing, AFixedRingNeverReadsFiles) {
  SigningKeyRing ring(must(SigningKey::generate(JwsAlg::kES256)));
  EXPECT_TRUE(ring.verify(ring.sign(kTyp, "{}"), kTyp));
  EXPECT_EQ(ring.generation(), 0u);
  EXPECT_EQ(ring.jwks().at("keys").as_array().size(), 1u);
}

}  // namespace
}  // namespace mytoken
