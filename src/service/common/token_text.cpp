#include "service/common/token_text.hpp"

#include "crypto/jws.hpp"

namespace mytoken {

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::vector<std::string> access_token_audiences(const Secret& access_token) {
  std::vector<std::string> out;
  auto payload = decode_jws_payload_unverified(access_token.reveal());
  if (!payload) return out;
  auto it = payload->find("aud");
  if (it == payload->end()) return out;
  if (it->value().is_string()) out.emplace_back(it->value().as_string());
  if (it->value().is_array()) {
    for (const auto& a : it->value().as_array()) {
      if (a.is_string()) out.emplace_back(a.as_string());
    }
  }
  return out;
}

}  // namespace mytoken
