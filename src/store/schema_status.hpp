#pragma once

#include <cstdint>

namespace mytoken {

// What `mytokend check-config` reports of a database without changing it.
struct SchemaStatus {
  bool exists = false;  // false: no database yet, or no schema in it (the first start creates it)
  int64_t version = 0;  // migrations applied
  int64_t known = 0;    // migrations this binary has: version > known means a newer binary wrote it
};

}  // namespace mytoken
