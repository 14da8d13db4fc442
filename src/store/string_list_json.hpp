#pragma once

#include <string>
#include <vector>

namespace mytoken {

// Lists (AT scopes, audiences) are stored as a JSON array of strings, e.g. ["openid","profile"]: unambiguous
// for any value, readable in a dump, and parseable by both SQLite's and PostgreSQL's JSON functions.
std::string string_list_to_json(const std::vector<std::string>& items);

}  // namespace mytoken
