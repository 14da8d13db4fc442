#include "client/http_transport.hpp"

#include <string>

#include "client/client_error.hpp"
#include "net/curl_easy.hpp"

namespace mytoken::client {
namespace {

constexpr size_t kMaxReplyBytes = size_t{16} * 1024 * 1024;  // a token tree of a busy user stays far below this

}  // namespace

struct HttpTransport::Handle : CurlEasyHandle {};

HttpTransport::HttpTransport(HttpTransportOptions options) : options_(std::move(options)) {
  curl_global_init_once();
  handle_ = std::make_unique<Handle>();
}

HttpTransport::~HttpTransport() = default;

Result<HttpReply> HttpTransport::get(const std::string& url) { return perform(url, nullptr); }

Result<HttpReply> HttpTransport::post_json(const std::string& url, std::string_view json) {
  return perform(url, &json);
}

Result<HttpReply> HttpTransport::perform(const std::string& url, const std::string_view* post_body) {
  CURL* curl = handle_->curl;
  if (curl == nullptr) return network_error("could not initialise libcurl");
  curl_easy_reset(curl);
  BoundedBody sink{.limit = kMaxReplyBytes};
  char error_buffer[CURL_ERROR_SIZE] = {0};
  CurlHeaders headers;
  // A header lost to an out-of-memory libcurl only costs content negotiation, so failures are ignored.
  (void)add_curl_header(headers, "Accept: application/json");
  if (post_body != nullptr) (void)add_curl_header(headers, "Content-Type: application/json");
  (void)add_curl_header(headers, "Expect:");  // no 100-continue round trip for larger bodies

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count() * 1000));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, options_.max_redirects);
  // Redirects may not downgrade to plain HTTP from HTTPS; a POST stays a POST (RFC 7231 307/308 semantics).
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, url.starts_with("https:") ? "https" : "http,https");
  curl_easy_setopt(curl, CURLOPT_POSTREDIR, static_cast<long>(CURL_REDIR_POST_ALL));
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_bounded_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  if (options_.insecure) {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (post_body != nullptr) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, post_body->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(post_body->size()));
  } else {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  }

  const CURLcode rc = curl_easy_perform(curl);
  if (sink.too_large) return network_error("the answer from " + url + " is too large");
  if (rc != CURLE_OK) {
    const std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(rc);
    return network_error(detail);
  }
  HttpReply reply;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  reply.body = std::move(sink.body);
  return reply;
}

}  // namespace mytoken::client
