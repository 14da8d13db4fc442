#include "baseline.hpp"

namespace mytoken::bench {
namespace {
std::map<std::string, std::string>& registry() {
  static std::map<std::string, std::string> pairs;  // function-local: safe during static initialisation
  return pairs;
}
}  // namespace

const std::map<std::string, std::string>& baselines() { return registry(); }

bool compare_with(const std::string& benchmark, const std::string& baseline) {
  registry()[benchmark] = baseline;
  return true;
}

}  // namespace mytoken::bench
