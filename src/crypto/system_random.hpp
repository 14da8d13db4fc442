#pragma once

#include "domain/ports/random.hpp"

namespace mytoken {

// The OS CSPRNG (libsodium randombytes, i.e. getrandom(2)).
class SystemRandom final : public Random {
 public:
  std::string bytes(size_t n) override;
  std::string code(size_t length, std::string_view alphabet) override;
  std::string uuid4() override;
};

}  // namespace mytoken
