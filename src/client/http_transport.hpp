#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace mytoken::client {

// How the CLI talks HTTP (cli spec §3.3): JSON in, JSON out, TLS verified unless `insecure` is explicitly set.
struct HttpTransportOptions {
  std::chrono::seconds timeout{20};  // whole request
  std::string user_agent;            // "mytoken client <version>"
  bool insecure = false;             // skip TLS peer/host verification (--insecure only)
  long max_redirects = 10;
};

struct HttpReply {
  long status = 0;
  std::string body;
};

// A synchronous libcurl client. One easy handle is reused, so consecutive requests share the connection.
// Not thread-safe. Every failure to get an HTTP answer (DNS, connect, TLS, timeout) is an ApiError with
// status 0 and error "network_error" (see client_error.hpp); any HTTP status is a value.
class HttpTransport {
 public:
  explicit HttpTransport(HttpTransportOptions options);
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  Result<HttpReply> get(const std::string& url);
  // POST `json` with Content-Type application/json.
  Result<HttpReply> post_json(const std::string& url, std::string_view json);

 private:
  Result<HttpReply> perform(const std::string& url, const std::string_view* post_body);

  struct Handle;
  HttpTransportOptions options_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace mytoken::client
