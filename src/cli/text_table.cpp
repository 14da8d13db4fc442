#include "cli/text_table.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace mytoken::cli {

size_t visible_width(const std::string& s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0x1b && i + 1 < s.size() && s[i + 1] == '[') {
      i += 2;
      while (i < s.size() && !(s[i] >= '@' && s[i] <= '~')) ++i;  // up to the final byte of the CSI sequence
      continue;
    }
    if ((c & 0xC0) != 0x80) ++width;  // count lead bytes only
  }
  return width;
}

TextTable::TextTable(std::vector<std::string> headers) : headers_(std::move(headers)) {
  for (auto& h : headers_) h = ascii_upper(h);
}

void TextTable::add_row(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

std::string TextTable::render() const {
  if (rows_.empty()) return {};
  std::vector<size_t> widths(headers_.size());
  for (size_t c = 0; c < headers_.size(); ++c) {
    widths[c] = visible_width(headers_[c]);
    for (const auto& row : rows_) widths[c] = std::max(widths[c], visible_width(row[c]));
  }
  const auto rule = [&](const char* left, const char* middle, const char* right) {
    std::string line = left;
    for (size_t c = 0; c < widths.size(); ++c) {
      for (size_t i = 0; i < widths[c] + 2; ++i) line += "─";
      line += c + 1 < widths.size() ? middle : right;
    }
    return line + "\n";
  };
  std::string out = rule("┌", "┬", "┐");
  out += "│";
  for (size_t c = 0; c < headers_.size(); ++c) {
    const size_t space = widths[c] - visible_width(headers_[c]);
    out += std::string(1 + space / 2, ' ') + headers_[c] + std::string(1 + space - space / 2, ' ') + "│";
  }
  out += "\n";  // two appends, not `"\n" + rule(...)`: GCC 12 at -O3 reports a false -Wrestrict for that
  out += rule("├", "┼", "┤");
  for (const auto& row : rows_) {
    out += "│";
    for (size_t c = 0; c < row.size(); ++c) {
      out += " " + row[c] + std::string(widths[c] - visible_width(row[c]) + 1, ' ') + "│";
    }
    out += "\n";
  }
  return out + rule("└", "┴", "┘");
}

}  // namespace mytoken::cli
