// Must not build: src/http reaches the database only through the services (docs/architecture.md §2).
#include "store/postgres/postgres_store.hpp"
