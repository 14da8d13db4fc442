#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include "domain/result.hpp"

namespace mytoken::test {

// The value of `result`; fails the current test (by throwing, which gtest reports) if it holds an error.
template <class T>
T must(Result<T> result) {
  if (!result) {
    throw std::runtime_error("unexpected error: " + result.error().error + " " + result.error().description + " " +
                             result.error().log_detail);
  }
  return std::move(*result);
}
inline void must(Result<void> result) {
  if (!result) {
    throw std::runtime_error("unexpected error: " + result.error().error + " " + result.error().description + " " +
                             result.error().log_detail);
  }
}

}  // namespace mytoken::test
