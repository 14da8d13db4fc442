#include "domain/templates/template_catalogue.hpp"

#include <set>

namespace mytoken {

std::string_view template_kind_name(TemplateKind kind) {
  switch (kind) {
    case TemplateKind::kProfiles:
      return "profiles";
    case TemplateKind::kCapabilities:
      return "capabilities";
    case TemplateKind::kRestrictions:
      return "restrictions";
    case TemplateKind::kRotation:
      return "rotation";
  }
  return "profiles";
}

std::optional<TemplateKind> template_kind_from(std::string_view name) {
  for (auto kind :
       {TemplateKind::kProfiles, TemplateKind::kCapabilities, TemplateKind::kRestrictions, TemplateKind::kRotation}) {
    if (template_kind_name(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string TemplateRef::text() const { return group == kDefaultTemplateGroup ? name : group + "/" + name; }

TemplateRef parse_template_ref(std::string_view reference) {
  if (reference.starts_with('@')) reference.remove_prefix(1);
  auto slash = reference.find('/');
  if (slash == std::string_view::npos) return {std::string(kDefaultTemplateGroup), std::string(reference)};
  return {std::string(reference.substr(0, slash)), std::string(reference.substr(slash + 1))};
}

void TemplateCatalogue::put(TemplateEntry entry) {
  auto key = std::make_tuple(entry.kind, entry.group, entry.name);
  entries_.insert_or_assign(std::move(key), std::move(entry));
}

const TemplateEntry* TemplateCatalogue::find(TemplateKind kind, const TemplateRef& ref) const {
  auto it = entries_.find(std::make_tuple(kind, ref.group, ref.name));
  return it == entries_.end() ? nullptr : &it->second;
}

std::vector<std::string> TemplateCatalogue::groups() const {
  std::set<std::string> groups;
  for (const auto& [key, entry] : entries_) groups.insert(entry.group);
  return {groups.begin(), groups.end()};
}

std::vector<const TemplateEntry*> TemplateCatalogue::entries(TemplateKind kind, std::string_view group) const {
  std::vector<const TemplateEntry*> out;
  for (const auto& [key, entry] : entries_) {
    if (entry.kind == kind && entry.group == group) out.push_back(&entry);
  }
  return out;
}

}  // namespace mytoken
