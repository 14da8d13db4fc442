// Replays every seed and every kept crash of the fuzzers (fuzz/corpus/<target>/, fuzz/regressions/<target>/)
// through the same entry functions the libFuzzer targets call, so each finding stays fixed in the normal build
// (docs/hardening.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "fuzz_entries.hpp"

namespace mytoken::fuzz {
namespace {

struct FuzzTarget {
  const char* name;
  void (*entry)(Input);
};

const FuzzTarget kTargets[] = {
    {"jwt", fuzz_jwt},
    {"request", fuzz_request},
    {"restrictions", fuzz_restrictions},
    {"config", fuzz_config},
    {"client_response", fuzz_client_response},
};

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file() && !entry.path().filename().string().starts_with(".")) files.push_back(entry.path());
  }
  return files;
}

std::vector<uint8_t> read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class FuzzReplay : public testing::TestWithParam<FuzzTarget> {
 protected:
  void SetUp() override { throw_on_fuzz_failure(); }

  static void replay(const std::filesystem::path& file) {
    const auto bytes = read_bytes(file);
    try {
      GetParam().entry(bytes);
    } catch (const PropertyViolation& e) {
      ADD_FAILURE() << file << ": " << e.what();
    } catch (const std::exception& e) {
      ADD_FAILURE() << file << ": exception escaped: " << e.what();
    }
  }
};

TEST_P(FuzzReplay, EverySeedAndRegressionInputPasses) {
  const std::filesystem::path fuzz_dir = std::filesystem::path(MYTOKEN_SOURCE_DIR) / "fuzz";
  const auto seeds = files_in(fuzz_dir / "corpus" / GetParam().name);
  EXPECT_FALSE(seeds.empty()) << "no seed corpus for " << GetParam().name;
  for (const auto& file : seeds) replay(file);
  for (const auto& file : files_in(fuzz_dir / "regressions" / GetParam().name)) replay(file);
}

INSTANTIATE_TEST_SUITE_P(Fuzz, FuzzReplay, testing::ValuesIn(kTargets),
                         [](const testing::TestParamInfo<FuzzTarget>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace mytoken::fuzz
