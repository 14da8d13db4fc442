#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "domain/result.hpp"

namespace mytoken {

// The four kinds of server templates (spec §13.1); the wire names are those of API/pt paths.
enum class TemplateKind { kProfiles, kCapabilities, kRestrictions, kRotation };

inline constexpr std::string_view kDefaultTemplateGroup = "_";

std::string_view template_kind_name(TemplateKind kind);  // "profiles", "capabilities", ...
std::optional<TemplateKind> template_kind_from(std::string_view name);

// A reference `name`, `group/name`, `@name` or `@group/name`; the group defaults to `_`.
struct TemplateRef {
  std::string group;
  std::string name;
  std::string text() const;  // as the caller wrote it without '@', for error messages
};
TemplateRef parse_template_ref(std::string_view reference);

// A named template of one kind in one group: its payload is unresolved JSON (may contain includes).
struct TemplateEntry {
  TemplateKind kind = TemplateKind::kProfiles;
  std::string group{kDefaultTemplateGroup};
  std::string name;
  boost::json::value payload;
  std::string id;  // API/pt id (a UUID for stored entries, "builtin:<kind>/<name>" and "file:..." otherwise)
};

// Every template the resolver may use: a plain value built by the caller from its sources (built-ins, files,
// database). A later put() of the same (kind, group, name) replaces the earlier one, so the order of the puts
// decides which source wins.
class TemplateCatalogue {
 public:
  void put(TemplateEntry entry);
  const TemplateEntry* find(TemplateKind kind, const TemplateRef& ref) const;
  // Groups with at least one entry, sorted; entries of one kind in one group, sorted by name.
  std::vector<std::string> groups() const;
  std::vector<const TemplateEntry*> entries(TemplateKind kind, std::string_view group) const;
  bool empty() const { return entries_.empty(); }

 private:
  std::map<std::tuple<TemplateKind, std::string, std::string>, TemplateEntry, std::less<>> entries_;
};

}  // namespace mytoken
