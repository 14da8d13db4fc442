#include "cli/json_output.hpp"

#include <boost/json/serialize.hpp>

namespace mytoken::cli {
namespace {

void write(std::string& out, const boost::json::value& v, int depth) {
  const std::string indent(static_cast<size_t>(depth + 1) * 2, ' ');
  const std::string closing(static_cast<size_t>(depth) * 2, ' ');
  if (v.is_object()) {
    const auto& o = v.get_object();
    if (o.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& [key, value] : o) {
      if (!first) out += ",\n";
      first = false;
      out += indent + boost::json::serialize(boost::json::value(key)) + ": ";
      write(out, value, depth + 1);
    }
    out += "\n" + closing + "}";
  } else if (v.is_array()) {
    const auto& a = v.get_array();
    if (a.empty()) {
      out += "[]";
      return;
    }
    out += "[\n";
    bool first = true;
    for (const auto& value : a) {
      if (!first) out += ",\n";
      first = false;
      out += indent;
      write(out, value, depth + 1);
    }
    out += "\n" + closing + "]";
  } else {
    out += boost::json::serialize(v);
  }
}

}  // namespace

std::string pretty_json(const boost::json::value& json) {
  std::string out;
  write(out, json, 0);
  out += '\n';
  return out;
}

}  // namespace mytoken::cli
