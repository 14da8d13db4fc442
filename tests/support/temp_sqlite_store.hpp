#pragma once

#include <filesystem>
#include <memory>

#include "domain/ports/store.hpp"

namespace mytoken::test {

// A fresh directory under the system temp dir, removed (with its contents) on destruction.
class TempStoreDir {
 public:
  TempStoreDir();
  TempStoreDir(const TempStoreDir&) = delete;
  TempStoreDir& operator=(const TempStoreDir&) = delete;
  ~TempStoreDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A migrated SQLite store in a file of a fresh temp directory, deleted with the store. Aborts the test
// binary (via a thrown exception) if the store cannot be opened. Signature fits the store contract suite.
std::unique_ptr<Store> make_temp_sqlite_store();

}  // namespace mytoken::test
