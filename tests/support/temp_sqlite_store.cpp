#include "support/temp_sqlite_store.hpp"

#include <stdlib.h>  // mkdtemp

#include <stdexcept>
#include <string>
#include <system_error>

#include "store/sqlite/sqlite_store.hpp"

namespace mytoken::test {
namespace {

// Forwards to the real store and removes the temp dir after the store (and its files) are closed.
class TempSqliteStore final : public Store {
 public:
  TempSqliteStore(std::unique_ptr<TempStoreDir> dir, std::unique_ptr<Store> store)
      : dir_(std::move(dir)), store_(std::move(store)) {}
  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override { return store_->begin(mode); }

 private:
  std::unique_ptr<TempStoreDir> dir_;  // declared first: destroyed after the store
  std::unique_ptr<Store> store_;
};

}  // namespace

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
  return std::make_unique<TempSqliteStore>(std::move(dir), std::move(*store));
}

}  // namespace mytoken::test
