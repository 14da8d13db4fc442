#include "http/decoders/body_members.hpp"

#include "service/common/token_text.hpp"

namespace mytoken {

const boost::json::value* member(const boost::json::object& body, std::string_view key) {
  auto it = body.find(key);
  return it == body.end() || it->value().is_null() ? nullptr : &it->value();
}

Result<std::optional<std::string>> optional_string_member(const boost::json::object& body, std::string_view key) {
  const auto* v = member(body, key);
  if (v == nullptr) return std::optional<std::string>();
  if (!v->is_string()) return ApiError::invalid_request(std::string(key) + " must be a string");
  return std::optional<std::string>(v->get_string());
}

Result<std::string> string_member(const boost::json::object& body, std::string_view key) {
  auto value = optional_string_member(body, key);
  if (!value) return value.error();
  return std::move(*value).value_or(std::string());
}

Result<bool> bool_member(const boost::json::object& body, std::string_view key) {
  const auto* v = member(body, key);
  if (v == nullptr) return false;
  if (v->is_bool()) return v->get_bool();
  if (v->is_string()) {  // form bodies carry strings
    const auto& s = v->get_string();
    if (s == "true" || s == "1") return true;
    if (s == "false" || s == "0" || s.empty()) return false;
  }
  return ApiError::invalid_request(std::string(key) + " must be a boolean");
}

Result<std::vector<std::string>> word_list_member(const boost::json::object& body, std::string_view key) {
  const auto* v = member(body, key);
  if (v == nullptr) return std::vector<std::string>();
  if (v->is_string()) return split_words(v->get_string());
  if (v->is_array()) {
    std::vector<std::string> out;
    for (const auto& word : v->get_array()) {
      if (!word.is_string()) return ApiError::invalid_request(std::string(key) + " must hold strings");
      for (auto& w : split_words(word.get_string())) out.push_back(std::move(w));
    }
    return out;
  }
  return ApiError::invalid_request(std::string(key) + " must be a string or an array of strings");
}

}  // namespace mytoken
