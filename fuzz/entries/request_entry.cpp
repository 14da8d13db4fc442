// Fuzz entry: request bodies as the endpoints decode them (spec §1.1-§1.3) and the readers that turn the
// decoded object into typed requests (oidc_flow, sub-token, access token, revocation, tokeninfo, transfer).
#include <boost/json/parse.hpp>

#include "domain/capabilities.hpp"
#include "fuzz_entries.hpp"
#include "http/decoders/access_token_request_decoding.hpp"
#include "http/decoders/login_request_decoding.hpp"
#include "http/decoders/revocation_request_decoding.hpp"
#include "http/decoders/subtoken_request_decoding.hpp"
#include "http/decoders/tokeninfo_request_decoding.hpp"
#include "http/request_decoding.hpp"
#include "http/routes/route_helpers.hpp"
#include "service/login/login_request.hpp"

namespace mytoken::fuzz {
namespace {

constexpr int64_t kNow = 1767225600;  // 2026-01-01
constexpr std::string_view kCallerIp = "192.0.2.7";

// Bad input is always the documented 400 invalid_request (or invalid_grant for grant types), never a 500.
template <class T>
void check_rejection(const Result<T>& result, std::string_view what) {
  if (result) return;
  fuzz_check(result.error().status == 400, std::string(what) + ": error status is not 400");
  fuzz_check(result.error().error == "invalid_request", std::string(what) + ": error is not invalid_request");
}

// The members the endpoints read with the route helpers (access token, revocation, tokeninfo, transfer,
// polling and transfer-code grants; the access token endpoint's own decoder is these calls in a row).
void read_route_members(const HttpRequest& request, const boost::json::object& body) {
  for (auto key : {"grant_type", "mytoken", "oidc_issuer", "issuer", "comment", "token", "mom_id", "action",
                   "polling_code", "transfer_code"}) {
    check_rejection(string_member(body, key), key);
  }
  for (auto key : {"scope", "audience", "resource"}) {
    const auto words = word_list_member(body, key);
    check_rejection(words, key);
    if (words) {
      for (const auto& w : *words) fuzz_check(!w.empty() && w.find(' ') == std::string::npos, "bad word in list");
    }
  }
  check_rejection(bool_member(body, "recursive"), "recursive");
  check_rejection(presented_mytoken(request, body, {"refresh_token"}), "presented_mytoken");
  check_rejection(decode_revocation_request(request, body), "revocation request");
  check_rejection(decode_tokeninfo_request(request, body), "tokeninfo request");
  const auto access_token = decode_access_token_request(request, body);  // invalid_grant for other grant types
  if (!access_token) {
    fuzz_check(access_token.error().status == 400, "access token request rejected with a status other than 400");
  }
}

// The stored form of a pending login must read back as the same request.
void check_login_round_trip(const LoginRequest& login) {
  const auto stored = to_json(login);
  const auto read = login_request_from_json(stored);
  fuzz_check(read.has_value(), "a LoginRequest's own JSON does not read back");
  fuzz_check(to_json(*read) == stored, "LoginRequest changed in a JSON round trip");
}

void read_typed_requests(const boost::json::object& body) {
  const auto subtoken = decode_subtoken_request(body, kNow, kCallerIp);
  if (subtoken) {
    fuzz_check(subtoken->name.size() <= 100, "sub-token name over 100 characters accepted");
    for (const auto& c : subtoken->capabilities) fuzz_check(is_known_capability(c), "unknown capability accepted");
    for (const auto& clause : subtoken->restrictions) fuzz_check(!clause.empty(), "empty clause kept");
  } else {
    fuzz_check(subtoken.error().status == 400, "sub-token request rejected with a status other than 400");
  }
  const auto edits = decode_login_request_edits(body, kNow, kCallerIp);
  if (edits) {
    LoginRequest login;
    apply_edits(login, *edits);
    fuzz_check(!login.capabilities.empty(), "a login request without capabilities");
    check_login_round_trip(login);
  } else {
    fuzz_check(edits.error().status == 400, "login request rejected with a status other than 400");
  }
  const auto start = decode_start_login_request(body, kNow, kCallerIp);
  if (!start) fuzz_check(start.error().status == 400, "oidc_flow request rejected with a status other than 400");
  // The same bytes as a stored pending login (the database is trusted, but must never crash the server).
  if (const auto stored = login_request_from_json(body)) check_login_round_trip(*stored);
}

// Input: "<Content-Type>\n<Authorization, Cookie and query value>\n<body>"; missing lines are empty.
HttpRequest request_from(std::string_view text) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/api/v0/token/my";
  request.client_ip = kCallerIp;
  const auto next_line = [&text]() {
    const size_t end = text.find('\n');
    const auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    return std::string(line);
  };
  if (auto type = next_line(); !type.empty()) request.headers.emplace_back("content-type", std::move(type));
  const auto credentials = next_line();
  request.headers.emplace_back("authorization", credentials);
  request.headers.emplace_back("cookie", credentials);
  request.query = credentials;
  request.body = std::string(text);
  return request;
}

}  // namespace

void fuzz_request(Input data) {
  const HttpRequest request = request_from(as_text(data));
  (void)bearer_token(request);
  (void)cookie(request, "mytoken");
  (void)request.query_param("grant_type");
  check_rejection(decode_form_all(request.body), "decode_form_all");
  for (const bool form_capable : {false, true}) {
    const auto body = decode_body(request, form_capable);
    check_rejection(body, "decode_body");
    if (!body) continue;
    read_route_members(request, *body);
    read_typed_requests(*body);
  }
}

}  // namespace mytoken::fuzz
