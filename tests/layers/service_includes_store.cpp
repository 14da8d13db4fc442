// Must not build: src/service may not see the store adapters (docs/architecture.md §2). tests/CMakeLists.txt
// compiles this file with the service layer's include roots and expects the compiler to miss the header.
#include "store/sqlite/sqlite_store.hpp"
