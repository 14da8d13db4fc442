#include "domain/templates/template_resolution.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <string>
#include <vector>

namespace mytoken {
namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::vector<std::string> split_names(std::string_view text) {
  std::vector<std::string> names;
  size_t i = 0;
  while (i < text.size()) {
    auto start = text.find_first_not_of(" \t\r\n", i);
    if (start == std::string_view::npos) break;
    auto end = text.find_first_of(" \t\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    names.emplace_back(text.substr(start, end - start));
    i = end;
  }
  return names;
}

// `include`-style lists: a space-separated string or an array of strings.
Result<std::vector<std::string>> names_of(const value& v, std::string_view member) {
  if (v.is_string()) return split_names(v.as_string());
  if (!v.is_array()) return ApiError::invalid_request(std::string(member) + " must be a string or an array of strings");
  std::vector<std::string> names;
  for (const auto& e : v.as_array()) {
    if (!e.is_string())
      return ApiError::invalid_request(std::string(member) + " must be a string or an array of strings");
    for (auto& n : split_names(e.as_string())) names.push_back(std::move(n));
  }
  return names;
}

array as_array(const value& v) { return v.is_array() ? v.as_array() : array{v}; }

void append_unique(array& into, const value& v) {
  for (const auto& e : into) {
    if (e == v) return;
  }
  into.push_back(v);
}

array union_of(const value& a, const value& b) {
  array out;
  for (const auto& e : as_array(a)) append_unique(out, e);
  for (const auto& e : as_array(b)) append_unique(out, e);
  return out;
}

bool has_template_capability(const value& v) {
  auto names_a_template = [](const value& e) {
    if (!e.is_string()) return false;
    const auto names = split_names(e.as_string());
    return std::any_of(names.begin(), names.end(), [](const std::string& n) { return n.starts_with('@'); });
  };
  if (!v.is_array()) return names_a_template(v);
  return std::any_of(v.as_array().begin(), v.as_array().end(), names_a_template);
}

// Plain restrictions (clause objects without `include`) stay untouched for the parser.
bool has_template_restriction(const value& v) {
  if (v.is_string()) return true;
  if (v.is_object()) return v.as_object().contains("include");
  if (!v.is_array()) return false;
  for (const auto& e : v.as_array()) {
    if (e.is_string() || (e.is_object() && e.as_object().contains("include"))) return true;
  }
  return false;
}

class Resolver {
 public:
  explicit Resolver(const TemplateCatalogue& catalogue) : catalogue_(catalogue) {}

  Result<object> request(const object& body) {
    object out = body;
    if (auto merged = merge_included_profiles(out); !merged) return merged.error();
    if (auto it = out.find("capabilities"); it != out.end() && has_template_capability(it->value())) {
      auto caps = capabilities(it->value());
      if (!caps) return caps.error();
      it->value() = std::move(*caps);
    }
    if (auto it = out.find("restrictions"); it != out.end() && has_template_restriction(it->value())) {
      auto clauses = restrictions(it->value());
      if (!clauses) return clauses.error();
      it->value() = std::move(*clauses);
    }
    if (auto it = out.find("rotation"); it != out.end() && !it->value().is_null()) {
      if (it->value().is_string() || (it->value().is_object() && it->value().as_object().contains("include"))) {
        auto rot = rotation(it->value());
        if (!rot) return rot.error();
        it->value() = std::move(*rot);
      }
    }
    return out;
  }

  Result<array> capabilities(const value& v) {
    if (!v.is_string() && !v.is_array()) {
      return ApiError::invalid_request("capabilities must be a string or an array of strings");
    }
    auto names = names_of(v, "capabilities");
    if (!names) return names.error();
    array out;
    for (const auto& name : *names) {
      if (!name.starts_with('@')) {
        append_unique(out, value(name));
        continue;
      }
      auto expanded = nested(TemplateKind::kCapabilities, name, [this](const value& p) { return capabilities(p); });
      if (!expanded) return expanded.error();
      for (const auto& c : *expanded) append_unique(out, c);
    }
    return out;
  }

  Result<array> restrictions(const value& v) {
    if (v.is_null()) return array{};
    if (v.is_string()) {
      boost::system::error_code ec;
      auto parsed = boost::json::parse(v.as_string(), ec);
      if (!ec && (parsed.is_object() || parsed.is_array())) return restrictions(parsed);
      return named_clauses(split_names(v.as_string()));
    }
    if (v.is_object()) return clause(v.as_object());
    if (!v.is_array()) {
      return ApiError::invalid_request("restrictions must be a clause object, an array or template names");
    }
    array out;
    for (const auto& e : v.as_array()) {
      Result<array> part = array{};
      if (e.is_string()) {
        part = named_clauses(split_names(e.as_string()));
      } else if (e.is_object()) {
        part = clause(e.as_object());
      } else {
        return ApiError::invalid_request("restrictions must be clause objects or template names");
      }
      if (!part) return part.error();
      for (auto& c : *part) out.push_back(std::move(c));
      if (out.size() > kMaxResolvedClauses) return too_many_clauses();
    }
    return out;
  }

  Result<object> rotation(const value& v) {
    if (v.is_string()) return named_rotation(split_names(v.as_string()), object{});
    if (!v.is_object()) return ApiError::invalid_request("rotation must be an object or template names");
    object base = v.as_object();
    auto it = base.find("include");
    if (it == base.end()) return base;
    auto names = names_of(it->value(), "rotation include");
    if (!names) return names.error();
    base.erase(it);
    return named_rotation(*names, std::move(base));
  }

  Result<object> profile(const value& v) {
    if (!v.is_object()) return ApiError::invalid_request("a profile must be a JSON object");
    return request(v.as_object());
  }

 private:
  static ApiError too_many_clauses() {
    return ApiError::invalid_request("restriction templates resolve to more than " +
                                     std::to_string(kMaxResolvedClauses) + " clauses");
  }

  // Runs `resolve` on the payload of template `name`, guarding against unknown names, cycles and depth.
  template <class F>
  auto nested(TemplateKind kind, const std::string& name, F resolve) -> decltype(resolve(value{})) {
    const auto ref = parse_template_ref(name);
    const auto* entry = catalogue_.find(kind, ref);
    if (entry == nullptr) return ApiError::invalid_request("unknown include name: '" + ref.text() + "'");
    const auto key = std::string(template_kind_name(kind)) + ":" + ref.group + "/" + ref.name;
    for (const auto& open : stack_) {
      if (open == key) return ApiError::invalid_request("template include cycle at '" + ref.text() + "'");
    }
    if (stack_.size() >= kMaxTemplateDepth) {
      return ApiError::invalid_request("templates nested deeper than " + std::to_string(kMaxTemplateDepth) + " levels");
    }
    stack_.push_back(key);
    auto result = resolve(entry->payload);
    stack_.pop_back();
    return result;
  }

  Result<object> profile_of(const std::string& name) {
    return nested(TemplateKind::kProfiles, name, [this](const value& p) -> Result<object> {
      if (!p.is_object()) return ApiError::invalid_request("a profile must be a JSON object");
      object out = p.as_object();
      if (auto merged = merge_included_profiles(out); !merged) return merged.error();
      return out;
    });
  }

  // Merges the profiles that `out`'s `include` names into it (its own values win) and drops the member.
  Result<void> merge_included_profiles(object& out) {
    auto it = out.find("include");
    if (it == out.end()) return {};
    auto names = names_of(it->value(), "include");
    if (!names) return names.error();
    out.erase(it);
    for (const auto& name : *names) {
      auto profile = profile_of(name);
      if (!profile) return profile.error();
      merge_template_json(out, *profile);
    }
    return {};
  }

  Result<array> named_clauses(const std::vector<std::string>& names) {
    array out;
    for (const auto& name : names) {
      auto clauses = nested(TemplateKind::kRestrictions, name, [this](const value& p) { return restrictions(p); });
      if (!clauses) return clauses.error();
      for (auto& c : *clauses) out.push_back(std::move(c));
      if (out.size() > kMaxResolvedClauses) return too_many_clauses();
    }
    return out;
  }

  // One clause; its `include` templates are combined with it (and with each other) clause by clause.
  Result<array> clause(const object& c) {
    object base = c;
    auto it = base.find("include");
    if (it == base.end()) return base.empty() ? array{} : array{base};
    auto names = names_of(it->value(), "restriction include");
    if (!names) return names.error();
    base.erase(it);
    array current{base};
    for (const auto& name : *names) {
      auto included = named_clauses({name});
      if (!included) return included.error();
      if (included->empty()) continue;
      array next;
      for (const auto& cur : current) {
        for (const auto& t : *included) {
          object merged = cur.as_object();
          if (t.is_object()) merge_template_json(merged, t.as_object());
          next.push_back(std::move(merged));
          if (next.size() > kMaxResolvedClauses) return too_many_clauses();
        }
      }
      current = std::move(next);
    }
    array out;
    for (auto& cur : current) {
      if (!cur.as_object().empty()) out.push_back(std::move(cur));
    }
    return out;
  }

  Result<object> named_rotation(const std::vector<std::string>& names, object base) {
    for (const auto& name : names) {
      auto included = nested(TemplateKind::kRotation, name, [this](const value& p) { return rotation(p); });
      if (!included) return included.error();
      merge_template_json(base, *included);
    }
    return base;
  }

  const TemplateCatalogue& catalogue_;
  std::vector<std::string> stack_;
};

}  // namespace

void merge_template_json(object& into, const object& from) {
  for (const auto& [key, v] : from) {
    auto it = into.find(key);
    if (it == into.end()) {
      into[key] = v;
    } else if (it->value().is_object() && v.is_object()) {
      merge_template_json(it->value().as_object(), v.as_object());
    } else if (it->value().is_array() || v.is_array()) {
      it->value() = union_of(it->value(), v);
    }  // else: two scalars, `into` wins
  }
}

Result<object> resolve_request_templates(const TemplateCatalogue& catalogue, const object& request) {
  return Resolver(catalogue).request(request);
}

Result<value> resolve_template_payload(const TemplateCatalogue& catalogue, TemplateKind kind, const value& payload) {
  Resolver resolver(catalogue);
  auto as_value = [](auto resolved) -> Result<value> {
    if (!resolved) return resolved.error();
    return value(std::move(*resolved));
  };
  switch (kind) {
    case TemplateKind::kProfiles:
      return as_value(resolver.profile(payload));
    case TemplateKind::kCapabilities:
      return as_value(resolver.capabilities(payload));
    case TemplateKind::kRestrictions:
      return as_value(resolver.restrictions(payload));
    case TemplateKind::kRotation:
      return as_value(resolver.rotation(payload));
  }
  return payload;
}

}  // namespace mytoken
