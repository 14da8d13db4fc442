#include "service/minting/stored_claims.hpp"

#include <boost/json/serialize.hpp>

#include "domain/restrictions.hpp"

namespace mytoken {
namespace {

struct PowerClaimsText {
  std::string capabilities, restrictions, rotation;
};

PowerClaimsText power_claims_text(const MytokenClaims& c) {
  return {boost::json::serialize(capabilities_to_json(c.capabilities)),
          boost::json::serialize(restrictions_to_json(c.restrictions)),
          c.rotation ? boost::json::serialize(rotation_to_json(*c.rotation)) : std::string()};
}

}  // namespace

void copy_power_claims(TokenRow& row, const MytokenClaims& claims) {
  auto text = power_claims_text(claims);
  row.capabilities_json = std::move(text.capabilities);
  row.restrictions_json = std::move(text.restrictions);
  row.rotation_json = std::move(text.rotation);
}

bool power_claims_match(const TokenRow& row, const MytokenClaims& claims) {
  const auto text = power_claims_text(claims);
  return text.capabilities == row.capabilities_json && text.restrictions == row.restrictions_json &&
         text.rotation == row.rotation_json;
}

}  // namespace mytoken
