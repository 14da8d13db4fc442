#include "net/curl_easy.hpp"

#include <mutex>

namespace mytoken {

void curl_global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool add_curl_header(CurlHeaders& headers, const std::string& line) {
  curl_slist* next = curl_slist_append(headers.get(), line.c_str());
  if (next == nullptr) return false;
  (void)headers.release();  // curl_slist_append returned the same list, now one longer
  headers.reset(next);
  return true;
}

size_t append_bounded_body(char* data, size_t size, size_t count, void* bounded_body) {
  auto* sink = static_cast<BoundedBody*>(bounded_body);
  const size_t n = size * count;
  if (sink->body.size() + n > sink->limit) {
    sink->too_large = true;
    return 0;  // makes curl abort with CURLE_WRITE_ERROR
  }
  sink->body.append(data, n);
  return n;
}

}  // namespace mytoken
