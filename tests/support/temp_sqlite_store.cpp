#include "support/temp_sqlite_store.hpp"

#include <stdlib.h>  // mkdtemp

#include <stdexcept>
#include <string>
#include <system_error>

#include "store/sqlite/sqlite_store.hpp"
#include "support/owning_store.hpp"

namespace mytoken::test {

TempStoreDir::TempStoreDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "mytoken-store-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("mkdtemp failed for " + pattern);
  }
  path_ = pattern;
}

TempStoreDir::~TempStoreDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::unique_ptr<Store> make_temp_sqlite_store() {
  auto dir = std::make_unique<TempStoreDir>();
  auto store = open_sqlite_store({.file = dir->path() / "db" / "mytoken.sqlite"});
  if (!store) {
    throw std::runtime_error("cannot open temp sqlite store: " + store.error().log_detail);
  }
  return std::make_unique<OwningStore<TempStoreDir>>(std::move(dir), std::move(*store));
}

}  // namespace mytoken::test
