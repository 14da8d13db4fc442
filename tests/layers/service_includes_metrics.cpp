// Must not build: src/service may not see the metrics registry (docs/architecture.md §2: use cases count into
// ServiceCounters, which the http layer exports). tests/CMakeLists.txt compiles this file with the service
// layer's include roots and expects the compiler to miss the header.
#include "metrics/registry.hpp"
