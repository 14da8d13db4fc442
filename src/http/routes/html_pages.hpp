#pragma once

#include <string>
#include <string_view>

#include "service/login/login_request.hpp"

namespace mytoken {

std::string html_escape(std::string_view text);
// The consent page of spec §5.3: the requested token, editable, with approve/decline posting to itself. Its
// script is /static/consent.js (consent_script.hpp, relative to /c/{code}); the page holds no inline script.
std::string consent_page(const LoginRequest& request);
// The page of POST /c (spec §5.3, oidc-agent's sub-token consent): the derived token pre-filled and editable, but
// without posting JS: the embedding prompt defines approve(data) and cancel(); the page's _approve() calls
// approve({oidc_issuer, restrictions, capabilities, name, rotation}) and _cancel() calls cancel().
std::string subtoken_consent_page(const LoginRequest& request);
// A small page with a title and one message (native "you may close this window", errors).
std::string message_page(std::string_view title, std::string_view message);

}  // namespace mytoken
