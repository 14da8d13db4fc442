#include "service/minting/token_representation.hpp"

#include <gtest/gtest.h>

namespace mytoken {
namespace {

constexpr RepresentationOptions kAllEnabled{
    .short_tokens_enabled = true, .short_token_len = 64, .transfer_codes_enabled = true};
constexpr size_t kJwtLen = 900;

TokenRepresentation choose(std::string_view response_type, int64_t max_token_len,
                           RepresentationOptions options = kAllEnabled) {
  return choose_representation(response_type, max_token_len, kJwtLen, options);
}

// spec §4.4, response_type alone.
TEST(ChooseRepresentation, ResponseTypeWithoutMaxTokenLen) {
  EXPECT_EQ(choose("token", 0), TokenRepresentation::kToken);
  EXPECT_EQ(choose("", 0), TokenRepresentation::kToken);
  EXPECT_EQ(choose("short_token", 0), TokenRepresentation::kShortToken);
  EXPECT_EQ(choose("transfer_code", 0), TokenRepresentation::kTransferCode);
}

TEST(ChooseRepresentation, UnknownResponseTypeIsToken) {
  EXPECT_EQ(choose("opaque", 0), TokenRepresentation::kToken);
  EXPECT_EQ(choose("SHORT_TOKEN", 0), TokenRepresentation::kToken);
}

TEST(ChooseRepresentation, DisabledFeatureFallsBackToToken) {
  auto options = kAllEnabled;
  options.short_tokens_enabled = false;
  options.transfer_codes_enabled = false;
  EXPECT_EQ(choose("short_token", 0, options), TokenRepresentation::kToken);
  EXPECT_EQ(choose("transfer_code", 0, options), TokenRepresentation::kToken);
}

// spec §4.4: max_token_len > 0 overrides response_type.
TEST(ChooseRepresentation, JwtThatFitsIsTokenWhateverTheResponseType) {
  EXPECT_EQ(choose("short_token", kJwtLen), TokenRepresentation::kToken);
  EXPECT_EQ(choose("transfer_code", kJwtLen + 1), TokenRepresentation::kToken);
  EXPECT_EQ(choose("token", 5000), TokenRepresentation::kToken);
}

TEST(ChooseRepresentation, TooLongJwtBecomesShortTokenIfItFits) {
  EXPECT_EQ(choose("token", kJwtLen - 1), TokenRepresentation::kShortToken);
  EXPECT_EQ(choose("transfer_code", 64), TokenRepresentation::kShortToken);  // max == short_tokens.len fits
}

TEST(ChooseRepresentation, TransferCodeWhenEvenTheShortTokenIsTooLong) {
  EXPECT_EQ(choose("token", 63), TokenRepresentation::kTransferCode);
  EXPECT_EQ(choose("short_token", 8), TokenRepresentation::kTransferCode);
  EXPECT_EQ(choose("token", 1), TokenRepresentation::kTransferCode);
}

TEST(ChooseRepresentation, TransferCodeWhenShortTokensAreDisabled) {
  auto options = kAllEnabled;
  options.short_tokens_enabled = false;
  EXPECT_EQ(choose("token", 100, options), TokenRepresentation::kTransferCode);
}

TEST(ChooseRepresentation, TokenWhenNothingShorterIsEnabled) {
  auto options = kAllEnabled;
  options.transfer_codes_enabled = false;
  EXPECT_EQ(choose("token", 63, options), TokenRepresentation::kToken);
  options.short_tokens_enabled = false;
  EXPECT_EQ(choose("short_token", 100, options), TokenRepresentation::kToken);
}

TEST(ChooseRepresentation, ConfiguredShortTokenLengthDecidesWhetherItFits) {
  auto options = kAllEnabled;
  options.short_token_len = 32;
  EXPECT_EQ(choose("token", 32, options), TokenRepresentation::kShortToken);
  EXPECT_EQ(choose("token", 31, options), TokenRepresentation::kTransferCode);
}

TEST(RepresentationName, IsTheWireName) {
  EXPECT_EQ(representation_name(TokenRepresentation::kToken), "token");
  EXPECT_EQ(representation_name(TokenRepresentation::kShortToken), "short_token");
  EXPECT_EQ(representation_name(TokenRepresentation::kTransferCode), "transfer_code");
}

}  // namespace
}  // namespace mytoken
