#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "fuzz_entries.hpp"

namespace mytoken::fuzz {
namespace {
std::atomic<bool> throw_instead_of_abort{false};
}  // namespace

void fuzz_fail(std::string_view what) {
  if (throw_instead_of_abort) throw PropertyViolation(std::string(what));
  std::fprintf(stderr, "fuzz property violated: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

void throw_on_fuzz_failure() { throw_instead_of_abort = true; }

}  // namespace mytoken::fuzz
