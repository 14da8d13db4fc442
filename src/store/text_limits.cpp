#include "store/text_limits.hpp"

namespace mytoken {

std::string truncate_utf8(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool starts_char = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    if (starts_char && chars++ == max_chars) {
      return std::string(text.substr(0, i));
    }
  }
  return std::string(text);
}

}  // namespace mytoken
