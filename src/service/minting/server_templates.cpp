#include "service/minting/server_templates.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/hashing.hpp"
#include "domain/capabilities.hpp"
#include "domain/restrictions.hpp"
#include "domain/rotation.hpp"
#include "domain/templates/template_resolution.hpp"
#include "service/common/audit.hpp"
#include "service/rate_limits/code_rate_limit.hpp"
#include "util/strings.hpp"

namespace mytoken {
namespace {

constexpr size_t kMaxTemplateNameLength = 100;

Result<void> check_name(std::string_view name) {
  if (name.empty() || utf8_length(name) > kMaxTemplateNameLength) {
    return ApiError::invalid_request("template name must have 1 to 100 characters");
  }
  if (name.starts_with('@') || name.find_first_of("/ \t\r\n") != std::string_view::npos) {
    return ApiError::invalid_request("template name must not start with '@' nor contain '/' or white space");
  }
  return {};
}

// A resolved payload must also be what the request parsers accept, or every request naming it fails later.
// Restrictions are checked against a fixed time and address: "this" and relative times resolve per request.
Result<void> check_parses(TemplateKind kind, const boost::json::value& resolved) {
  auto member = [&](std::string_view key) -> const boost::json::value* {
    if (kind == TemplateKind::kProfiles) return resolved.as_object().if_contains(key);
    return template_kind_name(kind) == key ? &resolved : nullptr;
  };
  if (const auto* caps = member("capabilities"); caps != nullptr) {
    if (auto parsed = parse_requested_capabilities(*caps); !parsed) return parsed.error();
  }
  if (const auto* restrictions = member("restrictions"); restrictions != nullptr) {
    if (auto parsed = parse_restrictions(*restrictions, 0, "127.0.0.1"); !parsed) return parsed.error();
  }
  if (const auto* rotation = member("rotation"); rotation != nullptr) {
    if (auto parsed = parse_rotation(*rotation); !parsed) return parsed.error();
  }
  return {};
}

TemplateEntry entry_of(const TemplateRow& row) {
  boost::system::error_code ec;
  auto payload = boost::json::parse(row.payload_json, ec);
  return TemplateEntry{.kind = template_kind_from(row.kind).value_or(TemplateKind::kProfiles),
                       .group = row.group,
                       .name = row.name,
                       .payload = ec ? boost::json::value() : std::move(payload),
                       .id = row.id};
}

ApiError write_refused(TemplateWrite outcome, const TemplateWriteRequest& request) {
  if (outcome == TemplateWrite::kNameTaken) {
    return ApiError::conflict("a " + std::string(template_kind_name(request.kind)) + " template named '" +
                              request.name + "' exists in group '" + request.group + "'");
  }
  return ApiError::not_found("no stored template with this id");
}

}  // namespace

Result<TemplateCatalogue> ServerTemplates::current() const {
  auto tx = store_.begin(TxMode::kRead);
  if (!tx) return tx.error();
  auto rows = (*tx)->templates().all();
  if (!rows) return rows.error();
  TemplateCatalogue catalogue = base_;
  for (const auto& row : *rows) catalogue.put(entry_of(row));
  return catalogue;
}

Result<TemplateEntry> ServerTemplates::add(const TemplateWriteRequest& request) {
  return write(request, random_.uuid4(), true);
}

Result<TemplateEntry> ServerTemplates::replace(const std::string& id, const TemplateWriteRequest& request) {
  return write(request, id, false);
}

Result<TemplateEntry> ServerTemplates::write(const TemplateWriteRequest& request, std::string id, bool is_new) {
  if (auto named = check_name(request.name); !named) return named.error();
  auto catalogue = current();
  if (!catalogue) return catalogue.error();
  TemplateEntry entry{.kind = request.kind,
                      .group = request.group,
                      .name = request.name,
                      .payload = request.payload,
                      .id = std::move(id)};
  catalogue->put(entry);  // it may include itself only through a cycle, which resolution refuses
  auto resolved = resolve_template_payload(*catalogue, entry.kind, entry.payload);
  if (!resolved) return resolved.error();
  if (auto parses = check_parses(entry.kind, *resolved); !parses) return parses.error();

  auto tx = store_.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  const TemplateRow row{.id = entry.id,
                        .kind = std::string(template_kind_name(entry.kind)),
                        .group = entry.group,
                        .name = entry.name,
                        .payload_json = boost::json::serialize(entry.payload)};
  auto written = is_new ? (*tx)->templates().insert(row) : (*tx)->templates().update(row);
  if (!written) return written.error();
  if (*written != TemplateWrite::kDone) return write_refused(*written, request);
  if (auto committed = (*tx)->commit(); !committed) return committed.error();
  entry.payload = std::move(*resolved);
  return entry;
}

Result<void> ServerTemplates::remove(TemplateKind kind, const std::string& group, const std::string& id) {
  auto tx = store_.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto removed = (*tx)->templates().remove(id, std::string(template_kind_name(kind)), group);
  if (!removed) return removed.error();
  if (*removed != TemplateWrite::kDone) return ApiError::not_found("no stored template with this id");
  return (*tx)->commit();
}

TemplateWriters::TemplateWriters(const std::map<std::string, std::string, std::less<>>& passwords) {
  for (const auto& [group, password] : passwords) digests_.emplace(group, sha256(password));
}

Result<void> TemplateWriters::authorize(std::string_view group,
                                        const std::optional<GroupCredentials>& credentials) const {
  if (!credentials) return ApiError::access_denied("writing templates needs HTTP Basic authentication as the group");
  // Unknown users are compared too, against a digest no password has: the answer takes the same time.
  static const std::string kNoDigest(32, '\0');
  auto it = digests_.find(credentials->user);
  const auto& expected = it != digests_.end() ? it->second : kNoDigest;
  if (!constant_time_equal(sha256(credentials->password), expected) || it == digests_.end()) {
    return ApiError::access_denied("wrong template group or password");
  }
  if (credentials->user != group) {
    return ApiError::access_denied("these credentials may not write group '" + std::string(group) + "'", 403);
  }
  return {};
}

Result<void> authorize_template_write(const ServiceContext& ctx, const TemplateWriters& writers, std::string_view group,
                                      const std::optional<GroupCredentials>& credentials, std::string_view client_ip) {
  if (!credentials) return writers.authorize(group, credentials);
  const auto now = ctx.clock.now();
  const auto& limits = ctx.options.code_rate_limit;
  auto tx = ctx.store.begin(TxMode::kWrite);
  if (!tx) return tx.error();
  auto& t = **tx;
  // The "code" is what was presented, keyed-hashed by the limiter: never stored as given.
  const auto presented = credentials->user + ":" + credentials->password;
  if (auto r = admit_code_attempt(t, limits, ctx.secret, presented, client_ip, now); !r) {
    return guessing_limit_outcome(
        ctx.counters.guessing_limited,
        audit_if_rate_limited(ctx, r.error(), nullptr, nullptr, client_ip, "template password guessing limit"));
  }
  auto allowed = writers.authorize(group, credentials);
  if (!allowed && allowed.error().status == 401) {
    if (auto r = record_code_miss(t, limits, ctx.secret, client_ip, now); !r) return r;
  }
  if (auto r = t.commit(); !r) return r;
  return allowed;
}

}  // namespace mytoken
