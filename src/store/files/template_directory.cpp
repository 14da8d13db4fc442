#include "store/files/template_directory.hpp"

#include <boost/json/parse.hpp>
#include <fstream>
#include <sstream>

namespace mytoken {
namespace {

namespace fs = std::filesystem;

Result<TemplateEntry> read_entry(const fs::path& file, TemplateKind kind, std::string group) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return ApiError::internal("cannot read template file " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  auto payload = boost::json::parse(text.str(), ec);
  if (ec) return ApiError::internal("template file " + file.string() + " is not valid JSON: " + ec.message());
  TemplateEntry e{kind, std::move(group), file.stem().string(), std::move(payload), ""};
  e.id = "file:" + std::string(template_kind_name(kind)) + "/" + (e.group == "_" ? "" : e.group + "/") + e.name;
  return e;
}

bool is_json_file(const fs::directory_entry& e) { return e.is_regular_file() && e.path().extension() == ".json"; }

Result<void> read_kind(const fs::path& dir, TemplateKind kind, std::vector<TemplateEntry>& out) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (is_json_file(e)) {
      auto entry = read_entry(e.path(), kind, "_");
      if (!entry) return entry.error();
      out.push_back(std::move(*entry));
    } else if (e.is_directory()) {
      for (const auto& f : fs::directory_iterator(e.path(), ec)) {
        if (!is_json_file(f)) continue;
        auto entry = read_entry(f.path(), kind, e.path().filename().string());
        if (!entry) return entry.error();
        out.push_back(std::move(*entry));
      }
    }
  }
  if (ec) return ApiError::internal("cannot list template directory " + dir.string() + ": " + ec.message());
  return {};
}

}  // namespace

Result<std::vector<TemplateEntry>> load_template_directory(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return ApiError::internal("template directory " + dir.string() + " does not exist");
  std::vector<TemplateEntry> out;
  for (auto kind :
       {TemplateKind::kProfiles, TemplateKind::kCapabilities, TemplateKind::kRestrictions, TemplateKind::kRotation}) {
    const auto sub = dir / std::string(template_kind_name(kind));
    if (!fs::is_directory(sub, ec)) continue;
    if (auto read = read_kind(sub, kind, out); !read) return read.error();
  }
  return out;
}

}  // namespace mytoken
