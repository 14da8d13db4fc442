// The offline operations of mytokend's admin commands on a SQLite database (sqlite_store.hpp).
#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

#include "store/sqlite/schema.hpp"
#include "store/sqlite/sqlite_error.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace mytoken {
namespace {

// A read-only connection to a WAL database creates its -wal and -shm files if they are missing (the server is
// stopped). Run as root (check-config and backup often are), they would be root's and the server, running as its
// own user, could not open the database any more; so the ones this connection made are given to the database
// file's owner.
class CompanionFilesOwner {
 public:
  explicit CompanionFilesOwner(const std::filesystem::path& file) : file_(file) {
    for (size_t i = 0; i < kSuffixes.size(); ++i) existed_[i] = std::filesystem::exists(companion(i));
  }
  CompanionFilesOwner(const CompanionFilesOwner&) = delete;
  CompanionFilesOwner& operator=(const CompanionFilesOwner&) = delete;
  ~CompanionFilesOwner() {
    struct stat owner {};
    if (::stat(file_.c_str(), &owner) != 0) return;
    for (size_t i = 0; i < kSuffixes.size(); ++i) {
      if (!existed_[i]) (void)::chown(companion(i).c_str(), owner.st_uid, owner.st_gid);  // absent again: fine
    }
  }

 private:
  static constexpr std::array<const char*, 2> kSuffixes{"-wal", "-shm"};
  std::filesystem::path companion(size_t i) const { return std::filesystem::path(file_.string() + kSuffixes[i]); }

  std::filesystem::path file_;
  std::array<bool, 2> existed_{};
};

}  // namespace

Result<SchemaStatus> sqlite_schema_status(const SqliteOptions& options) {
  SchemaStatus status{.known = static_cast<int64_t>(sqlite::schema_migrations().size())};
  std::error_code ec;
  if (!std::filesystem::exists(options.file, ec)) return status;
  CompanionFilesOwner companions(options.file);  // declared first: runs after the connection closed
  try {
    SQLite::Database db(options.file.string(), SQLite::OPEN_READONLY);
    status.exists = db.tableExists("schema_version");
    if (status.exists)
      status.version = db.execAndGet("SELECT coalesce(max(version), 0) FROM schema_version").getInt64();
    return status;
  } catch (const std::exception& e) {
    return sqlite::sqlite_error("read schema of " + options.file.string(), e);
  }
}

Result<void> backup_sqlite_database(const SqliteOptions& options, const std::filesystem::path& destination) {
  std::error_code ec;
  if (!std::filesystem::exists(options.file, ec)) {
    return ApiError::internal("no database at " + options.file.string());
  }
  // Created here, O_EXCL and 0600, so SQLite never makes it with the umask's mode and nothing is overwritten.
  const int fd = ::open(destination.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return ApiError::internal("cannot create " + destination.string() + ": " + std::strerror(errno));
  ::close(fd);
  CompanionFilesOwner companions(options.file);
  try {
    SQLite::Database source(options.file.string(), SQLite::OPEN_READONLY,
                            static_cast<int>(options.busy_timeout.count()));
    SQLite::Database target(destination.string(), SQLite::OPEN_READWRITE);
    SQLite::Backup backup(target, source);
    backup.executeStep();  // all pages in one step: a consistent snapshot of one moment
    return {};
  } catch (const std::exception& e) {
    std::filesystem::remove(destination, ec);
    return sqlite::sqlite_error("backup to " + destination.string(), e);
  }
}

}  // namespace mytoken
