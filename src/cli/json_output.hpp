#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace mytoken::cli {

// JSON indented by two spaces, members in their order, ending with a newline: the form of every --json output
// and of `mytoken info` / `mytoken config` (cli spec §10, §12).
std::string pretty_json(const boost::json::value& json);

}  // namespace mytoken::cli
