#include "http/routes/html_pages.hpp"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>

#include "domain/restrictions.hpp"

namespace mytoken {
namespace {

constexpr std::string_view kStyle =
    "body{font-family:sans-serif;max-width:44em;margin:2em auto;padding:0 1em;color:#222}"
    "textarea{width:100%;font-family:monospace}button{margin:.5em .5em 0 0;padding:.5em 1.2em}";

// Capabilities the page offers besides the requested ones, so a user can add as well as remove.
constexpr std::string_view kOfferedCapabilities[] = {"AT", "tokeninfo", "create_mytoken", "manage_mytokens"};

// JSON embedded in a <script> block must not be able to close it.
std::string script_safe_json(const boost::json::value& v) {
  std::string out;
  for (char c : boost::json::serialize(v)) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string message_page(std::string_view title, std::string_view message) {
  return fmt::format(
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{0}</title><style>{2}</style></head>"
      "<body><h1>{0}</h1><p>{1}</p></body></html>",
      html_escape(title), html_escape(message), kStyle);
}

std::string consent_page(const LoginRequest& request) {
  std::string boxes;
  std::vector<std::string> shown;
  auto add_box = [&](const std::string& cap, bool checked) {
    if (std::find(shown.begin(), shown.end(), cap) != shown.end()) return;
    shown.push_back(cap);
    boxes += fmt::format("<label><input type=\"checkbox\" name=\"cap\" value=\"{0}\"{1}> {0}</label><br>",
                         html_escape(cap), checked ? " checked" : "");
  };
  for (const auto& cap : request.capabilities) add_box(cap, true);
  for (auto cap : kOfferedCapabilities) add_box(std::string(cap), false);
  const auto restrictions = boost::json::serialize(restrictions_to_json(request.restrictions));
  const boost::json::value state{{"oidc_issuer", request.oidc_issuer},
                                 {"rotation", request.rotation ? boost::json::value(rotation_to_json(*request.rotation))
                                                               : boost::json::value(nullptr)}};
  return fmt::format(
      R"(<!DOCTYPE html><html><head><meta charset="utf-8"><title>mytoken: approve a new token</title>
<style>{style}</style></head><body>
<h1>Approve a new mytoken</h1>
<p>{app} asks for a mytoken for <b>{issuer}</b>. Review what it may do, then log in at your OpenID provider.</p>
<form id="consent">
<p><label>Name <input id="name" value="{name}" maxlength="100"></label></p>
<h2>Capabilities</h2><p>{boxes}</p>
<h2>Restrictions</h2><p>A JSON list of clauses (empty list = unrestricted).</p>
<textarea id="restrictions" rows="6">{restrictions}</textarea>
<p><button id="approve" type="button">Approve</button><button id="decline" type="button">Decline</button></p>
<p id="error" role="alert"></p></form>
<script type="application/json" id="consent-state">{state}</script>
<script src="../static/consent.js"></script></body></html>)",
      fmt::arg("style", kStyle),
      fmt::arg("app",
               request.application_name.empty() ? std::string("A client") : html_escape(request.application_name)),
      fmt::arg("issuer", html_escape(request.oidc_issuer)), fmt::arg("name", html_escape(request.name)),
      fmt::arg("boxes", boxes), fmt::arg("restrictions", html_escape(restrictions)),
      fmt::arg("state", script_safe_json(state)));
}

std::string subtoken_consent_page(const LoginRequest& request) {
  std::string boxes;
  for (const auto& cap : request.capabilities) {
    boxes += fmt::format("<label><input type=\"checkbox\" name=\"cap\" value=\"{0}\" checked> {0}</label><br>",
                         html_escape(cap));
  }
  const auto restrictions = boost::json::serialize(restrictions_to_json(request.restrictions));
  const boost::json::value state{{"oidc_issuer", request.oidc_issuer},
                                 {"rotation", request.rotation ? boost::json::value(rotation_to_json(*request.rotation))
                                                               : boost::json::value(nullptr)}};
  return fmt::format(
      R"html(<!DOCTYPE html><html><head><meta charset="utf-8"><title>mytoken: approve a new sub-token</title>
<style>{style}</style></head><body>
<h1>Approve a new mytoken</h1>
<p>{app} asks for a mytoken for <b>{issuer}</b>, derived from one you already have. It can never do more than
that token: only what is shown here is possible.</p>
<form id="consent" onsubmit="return false">
<p><label>Name <input id="name" value="{name}" maxlength="100"></label></p>
<h2>Capabilities</h2><p>{boxes}</p>
<h2>Restrictions</h2><p>A JSON list of clauses (empty list = those of the parent token).</p>
<textarea id="restrictions" rows="6">{restrictions}</textarea>
<p><button id="approve" type="button" onclick="_approve()">Approve</button>
<button id="decline" type="button" onclick="_cancel()">Decline</button></p>
<p id="error" role="alert"></p></form>
<script>
const state = {state};
function _approve() {{
  let restrictions;
  try {{ restrictions = JSON.parse(document.getElementById("restrictions").value || "[]"); }}
  catch (e) {{ document.getElementById("error").textContent = "restrictions: " + e.message; return; }}
  const capabilities = [...document.querySelectorAll("input[name=cap]:checked")].map(b => b.value);
  approve({{oidc_issuer: state.oidc_issuer, restrictions, capabilities,
           name: document.getElementById("name").value, rotation: state.rotation}});
}}
function _cancel() {{ cancel(); }}
</script></body></html>)html",
      fmt::arg("style", kStyle),
      fmt::arg("app",
               request.application_name.empty() ? std::string("A client") : html_escape(request.application_name)),
      fmt::arg("issuer", html_escape(request.oidc_issuer)), fmt::arg("name", html_escape(request.name)),
      fmt::arg("boxes", boxes), fmt::arg("restrictions", html_escape(restrictions)),
      fmt::arg("state", script_safe_json(state)));
}

}  // namespace mytoken
