#pragma once

#include <string>
#include <vector>

namespace mytoken::cli {

// A table drawn with Unicode light box characters (cli spec §10.1): header cells upper-cased and centred, body
// cells left-aligned, one space of padding, no wrapping. A cell may carry ANSI colour codes; widths count only
// the visible characters. No rows → empty string (an empty result prints nothing).
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> headers);
  void add_row(std::vector<std::string> cells);
  std::string render() const;
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Number of terminal columns `s` takes: UTF-8 code points outside ANSI escape sequences.
size_t visible_width(const std::string& s);

}  // namespace mytoken::cli
