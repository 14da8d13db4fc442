#include "cli/tokeninfo_rendering.hpp"

#include <boost/json/serialize.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cli/text_table.hpp"
#include "client/json_fields.hpp"
#include "util/strings.hpp"

namespace mytoken::cli {
namespace {

std::string str(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return {};
  if (v->is_string()) return std::string(v->get_string());
  return boost::json::serialize(*v);
}

const boost::json::object* obj(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? &v->get_object() : nullptr;
}

const boost::json::array* arr(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? &v->get_array() : nullptr;
}

// The elements of `a` as text (strings as they are, other values as JSON), separated by `separator`.
std::string list_text(const boost::json::array& a, std::string_view separator) {
  std::vector<std::string> texts;
  texts.reserve(a.size());
  for (const auto& e : a) texts.push_back(e.is_string() ? std::string(e.get_string()) : boost::json::serialize(e));
  return join(texts, separator);
}

void line(std::string& out, const std::string& label, const std::string& value) {
  if (value.empty()) return;
  std::string padded = label + ":";
  padded.resize(std::max<size_t>(padded.size() + 1, 14), ' ');
  out += padded + value + "\n";
}

std::string time_with_distance(int64_t t, int64_t now) {
  if (t <= 0) return {};
  const std::string when = local_time(t);
  if (t > now) return when + " (in " + human_duration(t - now) + ")";
  return when + " (" + human_duration(now - t) + " ago)";
}

std::string usages(const boost::json::object& clause, const char* limit_key, const char* done_key) {
  const bool limited = clause.contains(limit_key);
  const int64_t done = client::int_member(clause, done_key);
  if (!limited) return done > 0 ? std::to_string(done) + " used, unlimited" : "";
  return std::to_string(done) + " of " + std::to_string(client::int_member(clause, limit_key)) + " used";
}

void flatten(const boost::json::object& node, size_t depth, bool include_mom_id, int64_t now, const DisplayStyle& style,
             bool with_tags, TextTable& table) {
  const auto* token = obj(node, "token");
  if (token != nullptr) {
    std::string name = str(*token, "name");
    name = name.empty() ? style.italic("unnamed token") : name;
    if (depth > 0) name = std::string(2 * depth, ' ') + "└─ " + name;
    const int64_t expires = client::int_member(*token, "expires_at");
    const bool expired = expires > 0 && expires <= now;
    const auto shade = [&](const std::string& s) { return expired ? style.gray(s) : s; };
    std::vector<std::string> row;
    if (include_mom_id) row.push_back(str(*token, "mom_id"));
    row.push_back(shade(name));
    row.push_back(
        shade(client::int_member(*token, "created") > 0 ? local_time(client::int_member(*token, "created")) : ""));
    row.push_back(shade(expires > 0 ? local_time(expires) : style.italic("does not expire")));
    if (with_tags) {
      std::string tags;
      if (const auto* t = arr(*token, "tags")) {
        for (const auto& tag : *t) {
          if (!tag.is_object()) continue;
          if (!tags.empty()) tags += ", ";
          tags += str(tag.get_object(), "tag");
        }
      }
      row.push_back(shade(tags));
    }
    row.push_back(str(*token, "ip"));
    table.add_row(std::move(row));
  }
  if (const auto* children = arr(node, "children")) {
    for (const auto& child : *children) {
      if (child.is_object()) flatten(child.get_object(), depth + 1, include_mom_id, now, style, with_tags, table);
    }
  }
}

bool any_tags(const boost::json::value& v) {
  if (v.is_array()) {
    for (const auto& e : v.get_array()) {
      if (any_tags(e)) return true;
    }
    return false;
  }
  if (!v.is_object()) return false;
  const auto& o = v.get_object();
  if (const auto* token = obj(o, "token"); token != nullptr) {
    if (const auto* t = arr(*token, "tags"); t != nullptr && !t->empty()) return true;
  }
  if (const auto* children = o.if_contains("children")) return any_tags(*children);
  return false;
}

}  // namespace

std::string render_introspection(const boost::json::object& answer, int64_t now, const DisplayStyle& style) {
  std::string out;
  const bool valid = answer.contains("valid") && answer.at("valid").is_bool() && answer.at("valid").get_bool();
  line(out, "Valid", valid ? "yes" : "NO");
  const auto* token = obj(answer, "token");
  if (token == nullptr) return out;
  line(out, "Name", str(*token, "name").empty() ? style.italic("unnamed token") : str(*token, "name"));
  line(out, "Type", str(answer, "token_type"));
  line(out, "MOM-ID", str(answer, "mom_id"));
  line(out, "Server", str(*token, "iss"));
  line(out, "Provider", str(*token, "oidc_iss"));
  line(out, "Subject", str(*token, "oidc_sub"));
  line(out, "Issued", time_with_distance(client::int_member(*token, "iat"), now));
  line(out, "Valid from", time_with_distance(client::int_member(*token, "nbf"), now));
  line(out, "Expires",
       client::int_member(*token, "exp") > 0 ? time_with_distance(client::int_member(*token, "exp"), now) : "never");
  if (client::int_member(*token, "seq_no") > 1)
    line(out, "Rotations", std::to_string(client::int_member(*token, "seq_no") - 1));
  if (const auto* caps = arr(*token, "capabilities")) line(out, "Capabilities", list_text(*caps, ", "));
  if (const auto* rotation = obj(*token, "rotation")) {
    std::string r;
    if (rotation->contains("on_AT")) r += "on AT requests; ";
    if (rotation->contains("on_other")) r += "on other requests; ";
    if (client::int_member(*rotation, "lifetime") > 0)
      r += "lifetime " + human_duration(client::int_member(*rotation, "lifetime")) + "; ";
    if (rotation->contains("auto_revoke")) r += "auto-revoke; ";
    line(out, "Rotation", r.empty() ? std::string("none") : r.substr(0, r.size() - 2));
  }
  const auto* restrictions = arr(*token, "restrictions");
  if (restrictions == nullptr || restrictions->empty()) {
    line(out, "Restrictions", "none (unrestricted)");
    return out;
  }
  out += "Restrictions: (any one clause must allow a request)\n";
  size_t index = 0;
  for (const auto& c : *restrictions) {
    if (!c.is_object()) continue;
    const auto& clause = c.get_object();
    out += "  Clause " + std::to_string(++index) + ":\n";
    const auto item = [&out](const std::string& label, const std::string& value) {
      if (!value.empty()) out.append("    ").append(label).append(": ").append(value).append("\n");
    };
    if (client::int_member(clause, "nbf") > 0)
      item("not before", time_with_distance(client::int_member(clause, "nbf"), now));
    if (client::int_member(clause, "exp") > 0)
      item("expires", time_with_distance(client::int_member(clause, "exp"), now));
    item("scope", str(clause, "scope"));
    for (const char* key : {"audience", "hosts", "geoip_allow", "geoip_disallow"}) {
      if (const auto* a = arr(clause, key)) item(key, list_text(*a, ", "));
    }
    item("access tokens", usages(clause, "usages_AT", "usages_AT_done"));
    item("other uses", usages(clause, "usages_other", "usages_other_done"));
  }
  return out;
}

std::string render_history(const boost::json::object& answer) {
  TextTable table({"Event", "Comment", "Time", "IP", "User agent"});
  if (const auto* events = arr(answer, "events")) {
    for (const auto& e : *events) {
      if (!e.is_object()) continue;
      const auto& event = e.get_object();
      table.add_row({str(event, "event"), str(event, "comment"),
                     client::int_member(event, "time") > 0 ? local_time(client::int_member(event, "time")) : "",
                     str(event, "ip"), str(event, "user_agent")});
    }
  }
  return table.render();
}

std::string render_token_tree(const boost::json::object& answer, bool include_mom_id, int64_t now,
                              const DisplayStyle& style) {
  const auto* mytokens = answer.if_contains("mytokens");
  if (mytokens == nullptr) return {};
  const bool with_tags = any_tags(*mytokens);
  std::vector<std::string> headers;
  if (include_mom_id) headers.emplace_back("MOM-ID");
  for (const char* h : {"Name", "Created", "Expires"}) headers.emplace_back(h);
  if (with_tags) headers.emplace_back("Tags");
  headers.emplace_back("IP");
  TextTable table(std::move(headers));
  if (mytokens->is_object()) {
    flatten(mytokens->get_object(), 0, include_mom_id, now, style, with_tags, table);
  } else if (mytokens->is_array()) {
    for (const auto& root : mytokens->get_array()) {
      if (root.is_object()) flatten(root.get_object(), 0, include_mom_id, now, style, with_tags, table);
    }
  }
  return table.render();
}

}  // namespace mytoken::cli
