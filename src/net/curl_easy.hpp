#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <memory>
#include <string>

namespace mytoken {

// The pieces of libcurl use that the OIDC adapter and the API client share.

// curl_global_init once per process. Never cleaned up: other threads may still use libcurl while static
// destructors run.
void curl_global_init_once();

// An easy handle, cleaned up with its owner; `curl` is null if libcurl could not create one.
struct CurlEasyHandle {
  CurlEasyHandle() : curl(curl_easy_init()) {}
  ~CurlEasyHandle() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
  CurlEasyHandle(const CurlEasyHandle&) = delete;
  CurlEasyHandle& operator=(const CurlEasyHandle&) = delete;
  CURL* curl;
};

struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using CurlHeaders = std::unique_ptr<curl_slist, CurlSlistDeleter>;
// Appends one "Name: value" line; false if libcurl ran out of memory (the list is unchanged then).
bool add_curl_header(CurlHeaders& headers, const std::string& line);

// A response body that stops the transfer once it would exceed `limit` (CURLE_WRITE_ERROR, too_large set).
struct BoundedBody {
  std::string body{};
  size_t limit = 0;
  bool too_large = false;
};
// CURLOPT_WRITEFUNCTION for a BoundedBody passed as CURLOPT_WRITEDATA.
size_t append_bounded_body(char* data, size_t size, size_t count, void* bounded_body);

}  // namespace mytoken
