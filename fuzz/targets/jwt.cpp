// libFuzzer target; the work is in fuzz/entries (shared with tests/unit/fuzz, see docs/hardening.md).
#include "fuzz_entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  mytoken::fuzz::fuzz_jwt({data, size});
  return 0;
}
