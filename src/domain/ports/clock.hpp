#pragma once

#include <cstdint>

namespace mytoken {

class Clock {
 public:
  Clock() = default;
  Clock(const Clock&) = delete;
  Clock& operator=(const Clock&) = delete;
  virtual ~Clock() = default;
  virtual int64_t now() const = 0;  // unix seconds; thread-safe
};

}  // namespace mytoken
