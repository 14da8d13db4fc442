#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

// The fuzz entry functions (docs/hardening.md): one per input surface. Each takes arbitrary bytes, drives the
// parsers of that surface and checks properties that must hold for every input. A violated property calls
// fuzz_fail, which aborts (libFuzzer keeps the input) unless a test installed a throwing handler. An exception
// other than the surface's documented one escapes: that is a finding too.
namespace mytoken::fuzz {

using Input = std::span<const uint8_t>;

void fuzz_jwt(Input data);              // JWS compact parsing, header checks, verification, claims_from_json
void fuzz_request(Input data);          // request body decoding and the endpoints' request readers
void fuzz_restrictions(Input data);     // restriction parsing, time syntax, Tighten
void fuzz_config(Input data);           // mytokend's YAML configuration
void fuzz_client_response(Input data);  // the CLI's reading and rendering of server answers

// A violated property: prints `what` and aborts, or throws PropertyViolation inside tests.
[[noreturn]] void fuzz_fail(std::string_view what);
inline void fuzz_check(bool holds, std::string_view what) {
  if (!holds) fuzz_fail(what);
}

struct PropertyViolation : std::logic_error {
  using std::logic_error::logic_error;
};
// Makes fuzz_fail throw PropertyViolation instead of aborting (the regression test reports the file).
void throw_on_fuzz_failure();

inline std::string_view as_text(Input data) { return {reinterpret_cast<const char*>(data.data()), data.size()}; }

}  // namespace mytoken::fuzz
