// Canonical JSON of restrictions and the clause hash (declared in restrictions.hpp), spec §6.4.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "domain/json_writer.hpp"
#include "domain/restrictions.hpp"
#include "domain/sha512_base64.hpp"
#include "util/strings.hpp"

namespace mytoken {
namespace {

boost::json::array to_array(const std::vector<std::string>& v) {
  boost::json::array a;
  a.reserve(v.size());
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

}  // namespace

// Member order and omission rules are those of the reference server's Go struct, so the hashes agree.
boost::json::object clause_to_json(const RestrictionClause& clause) {
  boost::json::object o;
  if (clause.nbf != 0) o["nbf"] = clause.nbf;
  if (clause.exp != 0) o["exp"] = clause.exp;
  if (!clause.scopes.empty()) o["scope"] = join(clause.scopes, " ");
  if (!clause.audiences.empty()) o["audience"] = to_array(clause.audiences);
  if (!clause.hosts.empty()) o["hosts"] = to_array(clause.hosts);
  if (!clause.geoip_allow.empty()) o["geoip_allow"] = to_array(clause.geoip_allow);
  if (!clause.geoip_disallow.empty()) o["geoip_disallow"] = to_array(clause.geoip_disallow);
  if (clause.usages_AT) o["usages_AT"] = *clause.usages_AT;  // 0 is a real limit ("never"), so kept
  if (clause.usages_other) o["usages_other"] = *clause.usages_other;
  return o;
}

boost::json::array restrictions_to_json(const Restrictions& restrictions) {
  boost::json::array a;
  a.reserve(restrictions.size());
  for (const auto& c : restrictions) a.emplace_back(clause_to_json(c));
  return a;
}

std::string clause_hash(const RestrictionClause& clause) {
  const auto text = domain_internal::write_json(clause_to_json(clause), domain_internal::JsonEscaping::kGo);
  return domain_internal::sha512_base64(text);
}

}  // namespace mytoken
