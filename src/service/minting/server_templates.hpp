#pragma once

#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/ports/random.hpp"
#include "domain/ports/store.hpp"
#include "domain/result.hpp"
#include "domain/templates/template_catalogue.hpp"
#include "service/common/service_context.hpp"

namespace mytoken {

// One template as API/pt writes it (spec §13.2): the path names kind and group, the body name and payload.
struct TemplateWriteRequest {
  TemplateKind kind = TemplateKind::kProfiles;
  std::string group{kDefaultTemplateGroup};
  std::string name;
  boost::json::value payload;
};

// The templates requests resolve against (spec §13): the built-ins and the operator's files, fixed at start,
// and the entries written through API/pt, kept in the store so that every instance sees the same set at once.
// A stored entry replaces a same-named built-in or file one. Thread-safe (the base is immutable).
class ServerTemplates {
 public:
  ServerTemplates(Store& store, Random& random, TemplateCatalogue base)
      : store_(store), random_(random), base_(std::move(base)) {}

  // The base with the stored entries over it: one read of the store.
  Result<TemplateCatalogue> current() const;

  // Writes are refused with 400 invalid_request for a name that cannot be referenced (empty, over 100
  // characters, with '/', '@' or white space), a payload of the wrong JSON type for its kind, or one that does
  // not resolve (an unknown include, a cycle); 409 for a name the group's kind already has; 404 for an
  // unknown id. They return the entry as API/pt shows it.
  Result<TemplateEntry> add(const TemplateWriteRequest& request);
  Result<TemplateEntry> replace(const std::string& id, const TemplateWriteRequest& request);
  Result<void> remove(TemplateKind kind, const std::string& group, const std::string& id);

 private:
  Result<TemplateEntry> write(const TemplateWriteRequest& request, std::string id, bool is_new);

  Store& store_;
  Random& random_;
  const TemplateCatalogue base_;
};

struct GroupCredentials {  // from an HTTP Basic Authorization header
  std::string user;
  std::string password;
};

// Who may write which group's templates (features.server_profiles.groups): HTTP Basic auth with the group
// name as user (spec §13.2). Passwords are kept only as SHA-256 digests and compared in constant time.
class TemplateWriters {
 public:
  explicit TemplateWriters(const std::map<std::string, std::string, std::less<>>& passwords);
  // 401 access_denied without credentials or with a wrong user or password (also for a group without a
  // password: writes are off until the operator gives it one); 403 when they are right but belong to another
  // group than `group`.
  Result<void> authorize(std::string_view group, const std::optional<GroupCredentials>& credentials) const;

 private:
  std::map<std::string, std::string, std::less<>> digests_;
};

// writers.authorize under the guessing limits of codes (code_rate_limit.hpp), shared by all instances: every
// attempt with credentials counts, a wrong password is a miss of the client, and a client out of budget gets
// 429 too_many_requests before its password is even compared.
Result<void> authorize_template_write(const ServiceContext& ctx, const TemplateWriters& writers, std::string_view group,
                                      const std::optional<GroupCredentials>& credentials, std::string_view client_ip);

}  // namespace mytoken
