#include "domain/templates/builtin_templates.hpp"

#include <boost/json/parse.hpp>

namespace mytoken {
namespace {

struct Builtin {
  TemplateKind kind;
  const char* name;
  const char* payload;  // JSON
};

// Data, not code: one row per template. Capability names as in spec §8.1.
constexpr Builtin kBuiltins[] = {
    {TemplateKind::kCapabilities, "all", R"("AT tokeninfo manage_mytokens create_mytoken settings")"},
    {TemplateKind::kCapabilities, "default", R"("AT tokeninfo")"},
    {TemplateKind::kCapabilities, "default+MT", R"("@default create_mytoken")"},
    {TemplateKind::kRestrictions, "12h", R"({"exp":"+12h"})"},
    {TemplateKind::kRestrictions, "1d", R"({"exp":"+1d"})"},
    {TemplateKind::kRestrictions, "1w", R"({"exp":"+7d"})"},
    {TemplateKind::kRestrictions, "1m", R"({"exp":"+30d"})"},
    {TemplateKind::kRestrictions, "1y", R"({"exp":"+365d"})"},
    {TemplateKind::kRestrictions, "ip-this", R"({"hosts":["this"]})"},
    {TemplateKind::kRestrictions, "web-default", R"({"include":["12h","ip-this"],"usages_AT":15})"},
    {TemplateKind::kProfiles, "agent", R"({"capabilities":"@all"})"},
    {TemplateKind::kProfiles, "web-default", R"({"restrictions":"web-default","capabilities":"@default"})"},
    {TemplateKind::kRotation, "at", R"({"on_AT":true})"},
    {TemplateKind::kRotation, "other", R"({"on_other":true})"},
    {TemplateKind::kRotation, "auto-revoke", R"({"auto_revoke":true})"},
    {TemplateKind::kRotation, "daily", R"({"lifetime":86400})"},
    {TemplateKind::kRotation, "weekly", R"({"lifetime":604800})"},
    {TemplateKind::kRotation, "monthly", R"({"lifetime":2592000})"},
    {TemplateKind::kRotation, "at-other-auto-revoke", R"({"include":["at","other","auto-revoke"]})"},
    {TemplateKind::kRotation, "at-other-no-auto-revoke", R"({"include":["at","other"]})"},
    {TemplateKind::kRotation, "at-other-daily-auto-revoke", R"({"include":["at","other","daily","auto-revoke"]})"},
    {TemplateKind::kRotation, "at-other-weekly-auto-revoke", R"({"include":["at","other","weekly","auto-revoke"]})"},
};

}  // namespace

std::vector<TemplateEntry> builtin_templates() {
  std::vector<TemplateEntry> out;
  for (const auto& b : kBuiltins) {
    TemplateEntry e;
    e.kind = b.kind;
    e.name = b.name;
    e.payload = boost::json::parse(b.payload);
    e.id = "builtin:" + std::string(template_kind_name(b.kind)) + "/" + b.name;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace mytoken
