#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/jws.hpp"
#include "domain/result.hpp"

namespace mytoken {

// Where the mytoken signing keys live (docs/operations.md "Signing-key rollover"): the current key signs and
// verifies; every `<ALG>-<kid>.pem` in the verification directory only verifies (keys retired from signing by a
// rollover, or a key staged before its activation).
struct SigningKeyFiles {
  std::filesystem::path current_key;
  std::filesystem::path verification_keys_dir;
  JwsAlg alg = JwsAlg::kES512;  // the configured alg: the current key must fit it
};

// One key of the ring as it is on disk.
struct SigningKeyFile {
  SigningKey key;
  std::filesystem::path file;
};

// The current key and the verification-only keys, read from disk. Fails on a file that is no key, does not fit
// its alg, or whose name does not match its key's kid.
struct SigningKeySet {
  SigningKeyFile current;
  std::vector<SigningKeyFile> verification_only;  // sorted by kid; never the current key
};
Result<SigningKeySet> read_signing_keys(const SigningKeyFiles& files);
// The same with the current key already loaded (by `mytokend keys`, which accepts one of another alg).
Result<SigningKeySet> read_signing_keys(const SigningKeyFiles& files, SigningKey current);

// The keys mytokend signs with and accepts. A ring opened on files re-reads them by itself when they change
// (checked at most once a second, on use), so every instance sharing the key files follows a rollover within a
// second, without restart. Mytoken headers carry no kid (spec §3.2), so verification tries the current key and
// then each verification-only key whose alg is the token's (each key pins its alg). Thread-safe.
class SigningKeyRing {
 public:
  // Told about reloads and failed reloads (the ring keeps its last good keys); the message names kids only.
  using Observer = std::function<void(bool failed, const std::string& message)>;

  // Creates the current key if absent (as SigningKey::load_or_create), then reads the verification keys. The
  // files are checked for changes at most once per `check_interval` (0 in tests: on every use).
  static Result<std::unique_ptr<SigningKeyRing>> open(
      const SigningKeyFiles& files, Observer observer = {},
      std::chrono::milliseconds check_interval = std::chrono::seconds(1));
  // A fixed ring of one key that never reloads (tests, benchmarks).
  explicit SigningKeyRing(SigningKey current);

  std::string sign(std::string_view typ, std::string_view payload) const;
  Result<std::string> verify(std::string_view compact, std::string_view expected_typ) const;
  boost::json::object jwks() const;  // {"keys":[current, verification-only...]}
  // Changes whenever the set of keys changes: caches of verified tokens are dropped then (a retired key's tokens).
  // Looks at the files like every other call, so a server that only meets cached tokens still follows a rollover.
  uint64_t generation() const;

  struct Snapshot;
  // ctime, not mtime: a chown or chmod (a key file made readable for the server) also counts as a change.
  struct FileStamp {
    int64_t key_ctime_ns = 0, key_size = 0, dir_ctime_ns = 0;
    uint64_t key_inode = 0, dir_inode = 0;
    bool operator==(const FileStamp&) const = default;
  };

 private:
  SigningKeyRing(std::optional<SigningKeyFiles> files, std::shared_ptr<const Snapshot> snapshot, Observer observer,
                 std::chrono::milliseconds check_interval);
  std::shared_ptr<const Snapshot> snapshot() const;
  void reload_if_changed() const;

  std::optional<SigningKeyFiles> files_;  // nullopt: fixed ring
  Observer observer_;
  int64_t check_interval_ns_;
  mutable std::mutex mutex_;  // guards snapshot_ and failed_stamp_
  mutable std::shared_ptr<const Snapshot> snapshot_;
  mutable std::optional<FileStamp> failed_stamp_;  // a broken state already reported (reported once)
  mutable std::atomic<int64_t> next_check_ns_{0};
  mutable std::atomic<uint64_t> generation_{0};
};

}  // namespace mytoken
