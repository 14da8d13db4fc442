#include "store/string_list_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace mytoken {

std::string string_list_to_json(const std::vector<std::string>& items) {
  boost::json::array array;
  array.reserve(items.size());
  for (const auto& item : items) {
    array.emplace_back(item);
  }
  return boost::json::serialize(array);
}

}  // namespace mytoken
