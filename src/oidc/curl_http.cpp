#include "oidc/curl_http.hpp"

#include <algorithm>
#include <mutex>
#include <string>
#include <utility>

#include "net/curl_easy.hpp"
#include "oidc/op_response.hpp"

namespace mytoken {

struct CurlHttp::Handle : CurlEasyHandle {};

struct CurlHttp::Request {
  const std::string& url;
  bool post = false;
  std::string_view body{};
  std::string authorization{};  // full header value or empty
  bool follow_redirects = false;
};

CurlHttp::CurlHttp(CurlHttpOptions options) : options_(options) { curl_global_init_once(); }

CurlHttp::~CurlHttp() = default;

std::unique_ptr<CurlHttp::Handle> CurlHttp::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto handle = std::move(idle_.back());
      idle_.pop_back();
      return handle;
    }
  }
  auto handle = std::make_unique<Handle>();
  if (handle->curl == nullptr) return nullptr;
  return handle;
}

void CurlHttp::release(std::unique_ptr<Handle> handle) {
  // curl_easy_reset keeps the connection cache, so the next request on this handle reuses the connection.
  curl_easy_reset(handle->curl);
  std::lock_guard lock(mutex_);
  if (idle_.size() < options_.max_pooled_handles) idle_.push_back(std::move(handle));
}

Result<OpHttpResponse> CurlHttp::get(const std::string& url, std::string_view bearer, bool follow_redirects) {
  Request request{.url = url};
  if (!bearer.empty()) {
    request.authorization = "Bearer ";
    request.authorization += bearer;
  }
  request.follow_redirects = follow_redirects && bearer.empty();
  return perform(request);
}

Result<OpHttpResponse> CurlHttp::post_form(const std::string& url, std::string_view body,
                                           std::string_view authorization) {
  Request request{.url = url, .post = true, .body = body, .authorization = std::string(authorization)};
  return perform(request);
}

Result<OpHttpResponse> CurlHttp::perform(const Request& request) {
  auto handle = acquire();
  if (!handle) return oidc_internal::op_unreachable("curl_easy_init failed");
  CURL* curl = handle->curl;

  CurlHeaders headers;
  bool ok = add_curl_header(headers, "Accept: application/json");
  if (request.post) ok = ok && add_curl_header(headers, "Content-Type: application/x-www-form-urlencoded");
  if (!request.authorization.empty()) ok = ok && add_curl_header(headers, "Authorization: " + request.authorization);
  // libcurl would send "Expect: 100-continue" for larger bodies and wait for the OP; we never need it.
  ok = ok && add_curl_header(headers, "Expect:");
  if (!ok) return oidc_internal::op_unreachable("curl_slist_append failed");

  BoundedBody sink{.limit = options_.max_response_bytes};
  char error_buffer[CURL_ERROR_SIZE] = {};
  const bool https = request.url.starts_with("https://");

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, https ? "https" : "http,https");
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // we are multi-threaded; timeouts must not use SIGALRM
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "mytoken-cpp");
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // whatever this libcurl can decode
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_response_bytes));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &append_bounded_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  if (request.follow_redirects) {
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, https ? "https" : "http,https");
  } else {
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  }
  if (request.post) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  } else {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  }

  const CURLcode code = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  // Drop the header list (it may hold client credentials) from the handle before it goes back to the pool.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);
  release(std::move(handle));

  const std::string what = std::string(request.post ? "POST " : "GET ") + request.url + ": ";
  if (sink.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return oidc_internal::op_unreachable(what + "response larger than " + std::to_string(options_.max_response_bytes) +
                                         " bytes");
  }
  if (code != CURLE_OK) {
    return oidc_internal::op_unreachable(
        what + (error_buffer[0] != '\0' ? std::string(error_buffer) : curl_easy_strerror(code)));
  }
  return OpHttpResponse{.status = status, .body = std::move(sink.body)};
}

}  // namespace mytoken
