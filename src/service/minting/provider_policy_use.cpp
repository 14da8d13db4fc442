#include "service/minting/provider_policy_use.hpp"

#include "domain/templates/template_resolution.hpp"
#include "service/minting/server_templates.hpp"

namespace mytoken {

const ProviderPolicy& provider_policy_of(const ServiceContext& ctx, std::string_view issuer) {
  static const ProviderPolicy kNone;
  auto it = ctx.options.provider_policies.find(issuer);
  return it == ctx.options.provider_policies.end() ? kNone : it->second;
}

int64_t provider_max_lifetime(const ServiceContext& ctx, std::string_view issuer) {
  auto it = ctx.options.mytokens_max_lifetime.find(issuer);
  return it == ctx.options.mytokens_max_lifetime.end() ? 0 : it->second;
}

Result<Restrictions> policy_restrictions(const ServiceContext& ctx, const std::string& text, int64_t now,
                                         std::string_view caller_ip) {
  auto catalogue = ctx.templates != nullptr ? ctx.templates->current() : Result<TemplateCatalogue>(TemplateCatalogue{});
  if (!catalogue) return catalogue.error();
  auto resolved = resolve_template_payload(*catalogue, TemplateKind::kRestrictions, boost::json::value(text));
  if (!resolved)
    return ApiError::internal("provider policy restrictions '" + text + "': " + resolved.error().description);
  auto parsed = parse_restrictions(*resolved, now, caller_ip);
  if (!parsed) return ApiError::internal("provider policy restrictions '" + text + "': " + parsed.error().description);
  return parsed;
}

Result<void> apply_enforced_restrictions(const ServiceContext& ctx, std::string_view issuer,
                                         const boost::json::object& claims, Restrictions& requested, int64_t now,
                                         std::string_view caller_ip) {
  const auto& policy = provider_policy_of(ctx, issuer).enforced;
  auto chosen = enforced_template_for(policy, claims);
  if (!chosen) {
    auto denied = ApiError::access_denied("you do not have the required attributes to use this service", 403);
    denied.html_detail = policy.help_html;
    return denied;
  }
  if (chosen->empty()) return {};
  auto enforced = policy_restrictions(ctx, *chosen, now, caller_ip);
  if (!enforced) return enforced.error();
  requested = tighten(*enforced, requested, ctx.match_env).restrictions;
  return {};
}

}  // namespace mytoken
