// Signing-key rollover on disk (signing_key_rollover.hpp).
#include "crypto/signing_key_rollover.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace mytoken {
namespace {

std::filesystem::path verification_file(const SigningKeyFiles& files, const SigningKey& key) {
  return files.verification_keys_dir / (std::string(jws_alg_name(key.alg())) + "-" + key.kid() + ".pem");
}

// Files `mytokend keys` writes belong to whoever owns the key file's directory: run as root, the command must not
// leave keys (mode 0600) that the server, running as its own user, cannot read.
void give_to_key_owner(const SigningKeyFiles& files, const std::filesystem::path& path) {
  struct stat owner {};
  if (::geteuid() != 0 || ::stat(files.current_key.parent_path().c_str(), &owner) != 0) return;
  (void)::chown(path.c_str(), owner.st_uid, owner.st_gid);
}

// Publishes `key` as verification-only (a no-op if it already is).
Result<void> keep_for_verification(const SigningKeyFiles& files, const SigningKey& key) {
  auto saved = key.save(verification_file(files, key), SigningKey::SaveMode::kCreate);
  if (!saved) return saved.error();
  give_to_key_owner(files, files.verification_keys_dir);
  give_to_key_owner(files, verification_file(files, key));
  return {};
}

// The old current key goes to the verification directory first, then `next` replaces it.
Result<void> make_current(const SigningKeyFiles& files, const SigningKey& old_current, const SigningKey& next) {
  if (auto kept = keep_for_verification(files, old_current); !kept) return kept;
  auto replaced = next.save(files.current_key, SigningKey::SaveMode::kReplace);
  if (!replaced) return replaced.error();
  give_to_key_owner(files, files.current_key);
  return {};
}

// The current key with the alg it signs with: the configured one, or, after signing.mytoken.alg was changed, the
// one its key type implies (an RSA key fits every RS and PS alg, so it always takes the configured one).
Result<SigningKey> current_key(const SigningKeyFiles& files) {
  auto configured = SigningKey::load_or_create(files.current_key, files.alg);
  if (configured) return configured;
  for (JwsAlg alg : {JwsAlg::kES256, JwsAlg::kES384, JwsAlg::kES512, JwsAlg::kEdDSA}) {
    if (auto key = SigningKey::load(files.current_key, alg)) return key;
  }
  return configured;
}

Result<SigningKeySet> existing_keys(const SigningKeyFiles& files) {
  auto current = current_key(files);
  if (!current) return current.error();
  return read_signing_keys(files, std::move(*current));
}

const SigningKeyFile* find_verification_key(const SigningKeySet& set, std::string_view kid) {
  auto it = std::find_if(set.verification_only.begin(), set.verification_only.end(),
                         [&](const auto& k) { return k.key.kid() == kid; });
  return it == set.verification_only.end() ? nullptr : &*it;
}

ApiError unknown_kid(const SigningKeySet& set, std::string_view kid) {
  if (set.current.key.kid() == kid) return ApiError::invalid_request("key " + std::string(kid) + " is the current key");
  return ApiError::invalid_request("no verification-only key " + std::string(kid));
}

}  // namespace

Result<std::string> rotate_signing_key(const SigningKeyFiles& files) {
  auto set = existing_keys(files);
  if (!set) return set.error();
  auto next = SigningKey::generate(files.alg);
  if (!next) return next.error();
  if (auto made = make_current(files, set->current.key, *next); !made) return made.error();
  return next->kid();
}

Result<std::string> stage_signing_key(const SigningKeyFiles& files) {
  if (auto set = existing_keys(files); !set) return set.error();
  auto next = SigningKey::generate(files.alg);
  if (!next) return next.error();
  if (auto kept = keep_for_verification(files, *next); !kept) return kept.error();
  return next->kid();
}

Result<void> activate_signing_key(const SigningKeyFiles& files, std::string_view kid) {
  auto set = existing_keys(files);
  if (!set) return set.error();
  const SigningKeyFile* staged = find_verification_key(*set, kid);
  if (staged == nullptr) return unknown_kid(*set, kid);
  if (staged->key.alg() != files.alg) {
    return ApiError::invalid_request("key " + std::string(kid) + " is " + std::string(jws_alg_name(staged->key.alg())) +
                                     "; set signing.mytoken.alg to it first");
  }
  if (auto made = make_current(files, set->current.key, staged->key); !made) return made;
  std::error_code ec;
  std::filesystem::remove(staged->file, ec);  // it is current now; a leftover copy would be skipped anyway
  return {};
}

Result<void> retire_signing_key(const SigningKeyFiles& files, std::string_view kid) {
  auto set = existing_keys(files);
  if (!set) return set.error();
  const SigningKeyFile* old = find_verification_key(*set, kid);
  if (old == nullptr) return unknown_kid(*set, kid);
  std::error_code ec;
  if (!std::filesystem::remove(old->file, ec) || ec) {
    return ApiError::internal("cannot delete " + old->file.string() + ": " + ec.message());
  }
  return {};
}

}  // namespace mytoken
