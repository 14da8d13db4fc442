#pragma once

#include <string_view>

namespace mytoken {

// The consent page's script, served as GET /static/consent.js so that the page's Content-Security-Policy allows
// no inline script (script-src 'self'). It reads the page's data from the JSON block #consent-state and posts
// the decision as application/json to the page's own URL (spec §5.3).
inline constexpr std::string_view kConsentScript = R"js("use strict";
(() => {
  const state = JSON.parse(document.getElementById("consent-state").textContent);
  const error = document.getElementById("error");
  async function send(body) {
    const r = await fetch(window.location.pathname,
                          {method: "POST", headers: {"Content-Type": "application/json"}, body});
    const data = await r.json();
    if (r.status === 278) { window.location = data.authorization_uri || data.url; return; }
    error.textContent = (data.error || "error") + ": " + (data.error_description || "");
  }
  document.getElementById("approve").addEventListener("click", () => {
    let restrictions;
    try { restrictions = JSON.parse(document.getElementById("restrictions").value || "[]"); }
    catch (e) { error.textContent = "restrictions: " + e.message; return; }
    const capabilities = [...document.querySelectorAll("input[name=cap]:checked")].map(b => b.value);
    send(JSON.stringify({oidc_issuer: state.oidc_issuer, capabilities, restrictions,
                         name: document.getElementById("name").value, rotation: state.rotation}));
  });
  document.getElementById("decline").addEventListener("click", () => send(""));
  document.getElementById("consent").addEventListener("submit", (e) => e.preventDefault());  // Enter in a field
})();
)js";

}  // namespace mytoken
