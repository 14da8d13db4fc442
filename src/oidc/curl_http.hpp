#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace mytoken {

// A tiny synchronous HTTP client over libcurl for the OP adapter. TLS peer and host verification stay at libcurl's
// defaults (on). Thread-safe: each call borrows an easy handle from a small pool, so connections to the OP are kept
// alive between calls.
struct CurlHttpOptions {
  std::chrono::milliseconds timeout{10000};  // whole request
  size_t max_response_bytes = 1024 * 1024;   // a larger answer is a transport failure
  size_t max_pooled_handles = 8;             // idle easy handles (and so live connections) kept
};

// An OP's answer (status and body). Not http/http_types.hpp's HttpResponse: one name for two types in one
// namespace is an ODR violation, which ASan caught as a stack-buffer-overflow.
struct OpHttpResponse {
  long status = 0;
  std::string body;
};

class CurlHttp {
 public:
  explicit CurlHttp(CurlHttpOptions options = {});
  ~CurlHttp();
  CurlHttp(const CurlHttp&) = delete;
  CurlHttp& operator=(const CurlHttp&) = delete;

  // GET `url` with "Accept: application/json". `bearer` (may be empty) goes into an Authorization header.
  // Redirects are followed (at most 3, never from https to http) only if `follow_redirects` and `bearer` is empty.
  // Any HTTP status is a value; failure = no answer (network, timeout, TLS, too large): oidc_error 502, with
  // curl's message and the URL in log_detail.
  Result<OpHttpResponse> get(const std::string& url, std::string_view bearer, bool follow_redirects);
  // POST an application/x-www-form-urlencoded `body` (already encoded) with the given Authorization header value
  // (may be empty). Redirects are never followed. Failures as for get().
  Result<OpHttpResponse> post_form(const std::string& url, std::string_view body, std::string_view authorization);

  struct Handle;  // RAII owner of one CURL easy handle

 private:
  struct Request;
  Result<OpHttpResponse> perform(const Request& request);
  std::unique_ptr<Handle> acquire();
  void release(std::unique_ptr<Handle> handle);

  CurlHttpOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Handle>> idle_;  // guarded by mutex_
};

}  // namespace mytoken
