#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "domain/result.hpp"
#include "domain/templates/template_catalogue.hpp"

namespace mytoken {

// Templates may include templates; deeper chains are refused (a catalogue is operator data, but a request can
// name any entry, and a deep or cyclic one must cost a 400, not the stack).
inline constexpr size_t kMaxTemplateDepth = 8;
// A clause including multi-clause templates multiplies out; more clauses than this are refused.
inline constexpr size_t kMaxResolvedClauses = 64;

// Resolves the templates of a mytoken request body (spec §13.1) into the plain request the parsers know:
// - top-level `include` (space-separated string or array): each profile, resolved recursively, is merged into
//   the request — request values win for scalars, objects merge recursively, arrays are unioned (a scalar
//   meeting an array is wrapped first, duplicates removed); the first profile named wins over later ones;
// - `capabilities`: `@name` entries expand recursively, duplicates are removed (order kept);
// - `restrictions`: a string is template names (or JSON text of clauses), array elements may be names, a
//   clause's `include` merges the named templates into it (own values win; several includes combine into one
//   clause, a multi-clause template into several); empty clauses are dropped;
// - `rotation`: template names, or an object whose `include` templates are merged into it.
// A member without templates is left exactly as it was (its parser reports its errors). Errors are
// 400 invalid_request: "unknown include name: '<name>'", a cycle, nesting deeper than kMaxTemplateDepth,
// more than kMaxResolvedClauses clauses, or a value of the wrong JSON type.
Result<boost::json::object> resolve_request_templates(const TemplateCatalogue& catalogue,
                                                      const boost::json::object& request);

// A template payload with its includes resolved, as API/pt shows it (spec §13.2): a profile as a request,
// capabilities as an array of names, restrictions as an array of clauses, rotation as an object.
Result<boost::json::value> resolve_template_payload(const TemplateCatalogue& catalogue, TemplateKind kind,
                                                    const boost::json::value& payload);

// The JSON merge of §13.1 (exposed for tests): merges `from` into `into`; `into` wins for scalars.
void merge_template_json(boost::json::object& into, const boost::json::object& from);

}  // namespace mytoken
