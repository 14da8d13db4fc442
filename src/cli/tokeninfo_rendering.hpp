#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "cli/display_style.hpp"

namespace mytoken::cli {

// Human-readable views of tokeninfo answers (server spec §10; cli spec §10, §19). Each takes the server's JSON
// and tolerates missing members. `now` decides what counts as expired.

// introspect: validity, ids, times (local, with time left), capabilities, every restriction clause with its
// used/allowed usages, rotation.
std::string render_introspection(const boost::json::object& answer, int64_t now, const DisplayStyle& style);
// event_history: table EVENT | COMMENT | TIME | IP | USER AGENT; nothing for no events.
std::string render_history(const boost::json::object& answer);
// subtokens ({"mytokens": tree}) and list_mytokens ({"mytokens": [tree...]}): a tree table
// [MOM-ID] | NAME | CREATED | EXPIRES | IP, children indented with "└─ " (cli spec §10.2).
std::string render_token_tree(const boost::json::object& answer, bool include_mom_id, int64_t now,
                              const DisplayStyle& style);

}  // namespace mytoken::cli
