// SigningKeyRing (signing_key_ring.hpp): the current signing key and the verification-only keys of a rollover.
#include "crypto/signing_key_ring.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>

namespace mytoken {

struct SigningKeyRing::Snapshot {
  SigningKeySet keys;
  boost::json::object jwks;
  FileStamp stamp;
};

namespace {

int64_t steady_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// "<ALG>-<kid>.pem" → (alg, kid); nullopt for every other name (temporaries, notes an operator left there).
// ALG names contain no '-', kids are base64url and may.
std::optional<std::pair<JwsAlg, std::string>> parse_key_file_name(const std::string& name) {
  constexpr std::string_view kSuffix = ".pem";
  if (name.size() <= kSuffix.size() || !name.ends_with(kSuffix)) return std::nullopt;
  const auto dash = name.find('-');
  if (dash == std::string::npos) return std::nullopt;
  auto alg = jws_alg_from_name(std::string_view(name).substr(0, dash));
  std::string kid = name.substr(dash + 1, name.size() - kSuffix.size() - dash - 1);
  if (!alg || kid.empty()) return std::nullopt;
  return std::make_pair(*alg, std::move(kid));
}

SigningKeyRing::FileStamp stamp_of(const SigningKeyFiles& files) {
  SigningKeyRing::FileStamp stamp;
  struct stat st {};
  if (::stat(files.current_key.c_str(), &st) == 0) {
    stamp.key_ctime_ns = static_cast<int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
    stamp.key_size = st.st_size;
    stamp.key_inode = st.st_ino;
  }
  if (::stat(files.verification_keys_dir.c_str(), &st) == 0) {
    stamp.dir_ctime_ns = static_cast<int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
    stamp.dir_inode = st.st_ino;
  }
  return stamp;
}

boost::json::object jwks_of(const SigningKeySet& keys) {
  boost::json::array list{keys.current.key.public_jwk()};
  for (const auto& k : keys.verification_only) list.push_back(k.key.public_jwk());
  return boost::json::object{{"keys", std::move(list)}};
}

Result<std::shared_ptr<const SigningKeyRing::Snapshot>> load_snapshot(const SigningKeyFiles& files) {
  const auto stamp = stamp_of(files);  // before reading: a change while we read is seen by the next check
  auto keys = read_signing_keys(files);
  if (!keys) return keys.error();
  auto jwks = jwks_of(*keys);
  return std::make_shared<const SigningKeyRing::Snapshot>(
      SigningKeyRing::Snapshot{std::move(*keys), std::move(jwks), stamp});
}

// Appended piece by piece: GCC 12's -Wrestrict misfires on `" " + std::string` at -O3.
std::string describe(const SigningKeySet& keys) {
  std::string text = "current ";
  text += keys.current.key.kid();
  text += " (";
  text += jws_alg_name(keys.current.key.alg());
  text += "), verification-only:";
  if (keys.verification_only.empty()) text += " none";
  for (const auto& k : keys.verification_only) {
    text += ' ';
    text += k.key.kid();
  }
  return text;
}

}  // namespace

Result<SigningKeySet> read_signing_keys(const SigningKeyFiles& files) {
  auto current = SigningKey::load(files.current_key, files.alg);
  if (!current) return current.error();
  return read_signing_keys(files, std::move(*current));
}

Result<SigningKeySet> read_signing_keys(const SigningKeyFiles& files, SigningKey current_key) {
  SigningKeySet set{{std::move(current_key), files.current_key}, {}};
  const SigningKey& current = set.current.key;
  std::error_code ec;
  if (!std::filesystem::exists(files.verification_keys_dir, ec)) return set;
  for (const auto& entry : std::filesystem::directory_iterator(files.verification_keys_dir, ec)) {
    auto parsed = parse_key_file_name(entry.path().filename().string());
    if (!parsed) continue;
    auto key = SigningKey::load(entry.path(), parsed->first);
    if (!key) return key.error();
    if (key->kid() != parsed->second) {
      return ApiError::internal("signing key " + entry.path().string() + " holds the key " + key->kid() +
                                ", not the one its name says");
    }
    if (key->kid() != current.kid()) set.verification_only.push_back({std::move(*key), entry.path()});
  }
  if (ec) return ApiError::internal("cannot list " + files.verification_keys_dir.string() + ": " + ec.message());
  std::sort(set.verification_only.begin(), set.verification_only.end(),
            [](const auto& a, const auto& b) { return a.key.kid() < b.key.kid(); });
  return set;
}

SigningKeyRing::SigningKeyRing(std::optional<SigningKeyFiles> files, std::shared_ptr<const Snapshot> snapshot,
                               Observer observer, std::chrono::milliseconds check_interval)
    : files_(std::move(files)),
      observer_(std::move(observer)),
      check_interval_ns_(std::chrono::duration_cast<std::chrono::nanoseconds>(check_interval).count()),
      snapshot_(std::move(snapshot)) {
  next_check_ns_ = steady_now_ns() + check_interval_ns_;
}

SigningKeyRing::SigningKeyRing(SigningKey current) : SigningKeyRing(std::nullopt, nullptr, {}, {}) {
  SigningKeySet set{{std::move(current), {}}, {}};
  auto jwks = jwks_of(set);
  snapshot_ = std::make_shared<const Snapshot>(Snapshot{std::move(set), std::move(jwks), {}});
}

Result<std::unique_ptr<SigningKeyRing>> SigningKeyRing::open(const SigningKeyFiles& files, Observer observer,
                                                             std::chrono::milliseconds check_interval) {
  if (auto created = SigningKey::load_or_create(files.current_key, files.alg); !created) return created.error();
  auto snapshot = load_snapshot(files);
  if (!snapshot) return snapshot.error();
  if (observer) observer(false, "signing keys: " + describe((*snapshot)->keys));
  return std::unique_ptr<SigningKeyRing>(
      new SigningKeyRing(files, std::move(*snapshot), std::move(observer), check_interval));
}

void SigningKeyRing::reload_if_changed() const {
  int64_t due = next_check_ns_.load(std::memory_order_relaxed);
  const int64_t now = steady_now_ns();
  // One thread per second does the check; the others go on with the keys they have.
  if (now < due || !next_check_ns_.compare_exchange_strong(due, now + check_interval_ns_)) return;
  const FileStamp stamp = stamp_of(*files_);
  {
    std::lock_guard lock(mutex_);
    if (stamp == snapshot_->stamp || stamp == failed_stamp_) return;
  }
  auto fresh = load_snapshot(*files_);
  std::lock_guard lock(mutex_);
  if (!fresh) {
    failed_stamp_ = stamp;
    if (observer_)
      observer_(true, "signing keys not reloaded, keeping the last good ones: " + fresh.error().log_detail);
    return;
  }
  failed_stamp_.reset();
  const bool same_keys = (*fresh)->jwks == snapshot_->jwks;
  snapshot_ = std::move(*fresh);
  if (same_keys) return;
  generation_.fetch_add(1, std::memory_order_acq_rel);
  if (observer_) observer_(false, "signing keys reloaded: " + describe(snapshot_->keys));
}

std::shared_ptr<const SigningKeyRing::Snapshot> SigningKeyRing::snapshot() const {
  if (files_) reload_if_changed();
  std::lock_guard lock(mutex_);
  return snapshot_;
}

std::string SigningKeyRing::sign(std::string_view typ, std::string_view payload) const {
  return snapshot()->keys.current.key.sign(typ, payload);
}

Result<std::string> SigningKeyRing::verify(std::string_view compact, std::string_view expected_typ) const {
  const auto keys = snapshot();
  auto verified = keys->keys.current.key.verify(compact, expected_typ);
  if (verified) return verified;
  for (const auto& k : keys->keys.verification_only) {
    if (auto other = k.key.verify(compact, expected_typ)) return other;
  }
  return verified;  // the current key's reason: what a client of a one-key server would be told
}

boost::json::object SigningKeyRing::jwks() const { return snapshot()->jwks; }

uint64_t SigningKeyRing::generation() const {
  if (files_) reload_if_changed();
  return generation_.load(std::memory_order_acquire);
}

}  // namespace mytoken
