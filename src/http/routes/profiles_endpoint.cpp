// API/pt (spec §13.2): reads of the templates (unauthenticated, payloads with includes resolved) and writes of
// stored ones (HTTP Basic auth as the group).
#include "domain/templates/template_resolution.hpp"
#include "http/request_decoding.hpp"
#include "http/responses.hpp"
#include "http/routes/endpoints.hpp"

namespace mytoken {
namespace {

Result<TemplateCatalogue> current_templates(const RouteDeps& deps) {
  if (deps.ctx.templates == nullptr) return TemplateCatalogue{};
  return deps.ctx.templates->current();
}

Result<TemplateKind> kind_of(std::string_view type) {
  auto kind = template_kind_from(type);
  if (!kind) return ApiError::not_found("unknown template type '" + std::string(type) + "'");
  return *kind;
}

HttpResponse entries_of(const TemplateCatalogue& catalogue, std::string_view group, std::string_view type) {
  auto kind = kind_of(type);
  if (!kind) return error_response(kind.error());
  boost::json::array out;
  for (const auto* e : catalogue.entries(*kind, group)) {
    auto payload = resolve_template_payload(catalogue, *kind, e->payload);
    // A template that does not resolve (an operator's dangling include) is shown as written: the listing
    // stays useful, and a request naming it gets the 400 that says what is wrong.
    boost::json::value shown = payload ? std::move(*payload) : boost::json::value(e->payload);
    out.push_back(boost::json::object{{"id", e->id}, {"name", e->name}, {"payload", std::move(shown)}});
  }
  return json_response(200, std::move(out));
}

// What a write's path names: `{type}`, `{group}/{type}`, `{type}/{id}` (PUT, DELETE) or `{group}/{type}/{id}`;
// the id may also come as query or body member `id`.
struct WriteTarget {
  std::string group{kDefaultTemplateGroup};
  TemplateKind kind = TemplateKind::kProfiles;
  std::string id;
};

// The routes share their patterns with the reads ("{group}/{type}" and "{type}"); a two-segment path whose
// second segment is no type is `{type}/{id}`.
Result<WriteTarget> write_target(const HttpRequest& request, const boost::json::object& body) {
  const auto group = request.path_param("group");
  std::string type(request.path_param("type").value_or(""));
  WriteTarget target;
  if (auto id = request.path_param("id")) {
    target = {std::string(*group), {}, std::string(*id)};
  } else if (group && !template_kind_from(type)) {
    target.id = type;
    type = std::string(*group);
  } else if (group) {
    target.group = std::string(*group);
  }
  auto kind = kind_of(type);
  if (!kind) return kind.error();
  target.kind = *kind;
  if (target.id.empty()) target.id = request.query_param("id").value_or("");
  if (const auto* id = body.if_contains("id"); target.id.empty() && id != nullptr && id->is_string()) {
    target.id = std::string(id->as_string());
  }
  return target;
}

Result<TemplateWriteRequest> write_request(const WriteTarget& target, const boost::json::object& body) {
  const auto* name = body.if_contains("name");
  if (name == nullptr || !name->is_string()) return ApiError::invalid_request("name must be a string");
  const auto* payload = body.if_contains("payload");
  if (payload == nullptr) return ApiError::invalid_request("payload is missing");
  return TemplateWriteRequest{target.kind, target.group, std::string(name->as_string()), *payload};
}

HttpResponse entry_response(int status, const TemplateEntry& e) {
  return json_response(status, boost::json::object{{"id", e.id}, {"name", e.name}, {"payload", e.payload}});
}

Result<HttpResponse> write(ServerTemplates& templates, const HttpRequest& request, const WriteTarget& target,
                           const boost::json::object& body) {
  if (request.method == "DELETE") {
    if (target.id.empty()) return ApiError::invalid_request("the template id is missing");
    if (auto removed = templates.remove(target.kind, target.group, target.id); !removed) return removed.error();
    return empty_response(204);
  }
  auto wanted = write_request(target, body);
  if (!wanted) return wanted.error();
  if (request.method == "POST") {
    auto added = templates.add(*wanted);
    if (!added) return added.error();
    return entry_response(201, *added);
  }
  if (target.id.empty()) return ApiError::invalid_request("the template id is missing");
  auto replaced = templates.replace(target.id, *wanted);
  if (!replaced) return replaced.error();
  return entry_response(200, *replaced);
}

HttpResponse refused(const ApiError& error) {
  auto response = error_response(error);  // a 429 carries its Retry-After
  if (error.status == 401) set_header(response, "WWW-Authenticate", "Basic realm=\"mytoken templates\"");
  return response;
}

}  // namespace

HttpResponse handle_profile_groups(const RouteDeps& deps, HttpRequest&) {
  auto catalogue = current_templates(deps);
  if (!catalogue) return error_response(catalogue.error());
  boost::json::array groups;
  for (const auto& g : catalogue->groups()) groups.emplace_back(g);
  return json_response(200, std::move(groups));
}

HttpResponse handle_profile_entries(const RouteDeps& deps, HttpRequest& request) {
  auto catalogue = current_templates(deps);
  if (!catalogue) return error_response(catalogue.error());
  const auto group = request.path_param("group").value_or(kDefaultTemplateGroup);
  return entries_of(*catalogue, group, request.path_param("type").value_or(""));
}

HttpResponse handle_profile_write(const RouteDeps& deps, HttpRequest& request) {
  auto body = decode_body(request, false);
  if (!body) return error_response(body.error());
  auto target = write_target(request, *body);
  if (!target) return error_response(target.error());
  if (deps.ctx.templates == nullptr || deps.template_writers == nullptr) {
    return error_response(ApiError::not_found("template writes are not enabled"));
  }
  std::optional<GroupCredentials> credentials;
  if (auto basic = basic_credentials(request)) credentials = GroupCredentials{basic->user, basic->password};
  if (auto allowed =
          authorize_template_write(deps.ctx, *deps.template_writers, target->group, credentials, request.client_ip);
      !allowed) {
    return refused(allowed.error());
  }
  auto response = write(*deps.ctx.templates, request, *target, *body);
  return response ? std::move(*response) : error_response(response.error());
}

}  // namespace mytoken
