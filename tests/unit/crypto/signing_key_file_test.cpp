// tests/unit/crypto/signing_key_file_test.cpp: SigningKey::load_or_create and its key files (spec §4.1, design §4)
#include <gtest/gtest.h>
#include <openssl/ec.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <fstream>

#include "crypto/jws.hpp"
#include "jws_test_support.hpp"

namespace mytoken {
namespace {

namespace fs = std::filesystem;
using test::mode_of;
using test::read_file;

constexpr std::string_view kTyp = "MT+JWT";

void write_file(const fs::path& path, std::string_view contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

class SigningKeyFileEveryAlg : public ::testing::TestWithParam<JwsAlg> {};

TEST_P(SigningKeyFileEveryAlg, CreatesA0600FileAndReloadsTheSameKey) {
  test::TempDir dir;
  const fs::path path = dir.path() / "keys" / "nested" / "signing.pem";
  const auto created = SigningKey::load_or_create(path, GetParam());
  ASSERT_TRUE(created.has_value()) << created.error().log_detail;
  EXPECT_EQ(mode_of(path), fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(mode_of(dir.path() / "keys"), fs::perms::owner_all);
  EXPECT_EQ(mode_of(dir.path() / "keys" / "nested"), fs::perms::owner_all);

  const auto reloaded = SigningKey::load_or_create(path, GetParam());
  ASSERT_TRUE(reloaded.has_value()) << reloaded.error().log_detail;
  EXPECT_EQ(reloaded->public_jwk(), created->public_jwk());
  EXPECT_TRUE(reloaded->verify(created->sign(kTyp, "{}"), kTyp).has_value());
  EXPECT_TRUE(created->verify(reloaded->sign(kTyp, "{}"), kTyp).has_value());
  // No temporary file is left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(path.parent_path()), fs::directory_iterator()), 1);
}

TEST_P(SigningKeyFileEveryAlg, WritesThePemFormOfTheReference) {  // spec §4.1
  test::TempDir dir;
  ASSERT_TRUE(SigningKey::load_or_create(dir.path() / "k.pem", GetParam()).has_value());
  const std::string pem = read_file(dir.path() / "k.pem");
  const std::string_view name = jws_alg_name(GetParam());
  const char* expected = name[0] == 'E' && name[1] == 'S' ? "-----BEGIN EC PRIVATE KEY-----"
                         : name == "EdDSA"                ? "-----BEGIN PRIVATE KEY-----"
                                                          : "-----BEGIN RSA PRIVATE KEY-----";
  EXPECT_EQ(pem.rfind(expected, 0), 0u) << pem.substr(0, 40);
}

INSTANTIATE_TEST_SUITE_P(AllAlgs, SigningKeyFileEveryAlg,
                         ::testing::Values(JwsAlg::kES256, JwsAlg::kES384, JwsAlg::kES512, JwsAlg::kEdDSA,
                                           JwsAlg::kRS256),
                         [](const auto& info) { return std::string(jws_alg_name(info.param)); });

TEST(SigningKeyFile, ReadsPkcs8EcKeys) {
  test::TempDir dir;
  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  ASSERT_NE(raw, nullptr);
  crypto_internal::EvpPkeyPtr pkey(raw);
  crypto_internal::BioPtr bio(BIO_new(BIO_s_mem()));
  ASSERT_EQ(PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr), 1);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  const std::string pem(data, static_cast<size_t>(len));
  ASSERT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u);
  write_file(dir.path() / "k.pem", pem);

  const auto key = SigningKey::load_or_create(dir.path() / "k.pem", JwsAlg::kES256);
  ASSERT_TRUE(key.has_value()) << key.error().log_detail;
  const std::string token =
      test::sign_with_header(pkey.get(), JwsAlg::kES256, R"({"alg":"ES256","typ":"MT+JWT"})", "{}");
  EXPECT_TRUE(key->verify(token, kTyp).has_value());
}

TEST(SigningKeyFile, RejectsAKeyThatDoesNotFitTheAlg) {
  test::TempDir dir;
  const struct {
    JwsAlg written;
    JwsAlg wanted;
  } cases[] = {
      {JwsAlg::kES256, JwsAlg::kES512}, {JwsAlg::kES512, JwsAlg::kES256}, {JwsAlg::kES384, JwsAlg::kRS256},
      {JwsAlg::kRS256, JwsAlg::kES512}, {JwsAlg::kEdDSA, JwsAlg::kES256}, {JwsAlg::kES256, JwsAlg::kEdDSA},
      {JwsAlg::kRS256, JwsAlg::kEdDSA},
  };
  for (const auto& c : cases) {
    const fs::path path = dir.path() / (std::string(jws_alg_name(c.written)) + ".pem");
    if (!fs::exists(path)) {
      ASSERT_TRUE(SigningKey::load_or_create(path, c.written).has_value());
    }
    const auto got = SigningKey::load_or_create(path, c.wanted);
    ASSERT_FALSE(got.has_value()) << jws_alg_name(c.written) << " as " << jws_alg_name(c.wanted);
    EXPECT_EQ(got.error().status, 500);
    EXPECT_NE(got.error().log_detail.find("does not fit"), std::string::npos);
  }
}

TEST(SigningKeyFile, RejectsRsaKeysShorterThan2048Bits) {
  test::TempDir dir;
  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(1024));
  ASSERT_NE(raw, nullptr);
  crypto_internal::EvpPkeyPtr pkey(raw);
  crypto_internal::BioPtr bio(BIO_new(BIO_s_mem()));
  ASSERT_EQ(PEM_write_bio_PrivateKey(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr), 1);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  write_file(dir.path() / "k.pem", std::string_view(data, static_cast<size_t>(len)));
  EXPECT_FALSE(SigningKey::load_or_create(dir.path() / "k.pem", JwsAlg::kRS256).has_value());
}

TEST(SigningKeyFile, RejectsGarbagePublicAndEncryptedKeysWithoutPrompting) {
  test::TempDir dir;
  write_file(dir.path() / "garbage.pem", "not a key");
  EXPECT_FALSE(SigningKey::load_or_create(dir.path() / "garbage.pem", JwsAlg::kES256).has_value());

  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  crypto_internal::EvpPkeyPtr pkey(raw);
  write_file(dir.path() / "public.pem", test::public_pem(pkey.get()));
  EXPECT_FALSE(SigningKey::load_or_create(dir.path() / "public.pem", JwsAlg::kES256).has_value());

  crypto_internal::BioPtr bio(BIO_new(BIO_s_mem()));
  ASSERT_EQ(PEM_write_bio_PrivateKey(bio.get(), pkey.get(), EVP_aes_256_cbc(), nullptr, 0, nullptr,
                                     const_cast<char*>("secret")),
            1);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio.get(), &data);
  write_file(dir.path() / "encrypted.pem", std::string_view(data, static_cast<size_t>(len)));
  EXPECT_FALSE(SigningKey::load_or_create(dir.path() / "encrypted.pem", JwsAlg::kES256).has_value());
}

TEST(SigningKeyFile, FailsWhenTheDirectoryCannotBeCreated) {
  test::TempDir dir;
  write_file(dir.path() / "file", "x");
  const auto got = SigningKey::load_or_create(dir.path() / "file" / "k.pem", JwsAlg::kES256);
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().status, 500);
}

}  // namespace
}  // namespace mytoken
