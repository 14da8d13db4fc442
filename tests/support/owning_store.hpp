#pragma once

#include <memory>
#include <utility>

#include "domain/ports/store.hpp"

namespace mytoken::test {

// Forwards to `store` and destroys `owned` (e.g. the temp directory or database schema the store lives in)
// after the store and its connections are closed.
template <typename Owned>
class OwningStore final : public Store {
 public:
  OwningStore(std::unique_ptr<Owned> owned, std::unique_ptr<Store> store)
      : owned_(std::move(owned)), store_(std::move(store)) {}
  Result<std::unique_ptr<Transaction>> begin(TxMode mode) override { return store_->begin(mode); }

 private:
  std::unique_ptr<Owned> owned_;  // declared first: destroyed after the store
  std::unique_ptr<Store> store_;
};

}  // namespace mytoken::test
