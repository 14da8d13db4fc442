#pragma once

#include <filesystem>
#include <vector>

#include "domain/result.hpp"
#include "domain/templates/template_catalogue.hpp"

namespace mytoken {

// Reads operator templates from `dir` (config features.server_profiles.dir, docs/profiles.md):
// `<dir>/<kind>/<name>.json` is template `name` of group `_`, `<dir>/<kind>/<group>/<name>.json` one of `group`;
// kind ∈ profiles, capabilities, restrictions, rotation. Each file holds the payload JSON. Other files and
// directories are ignored (a README may sit next to them). Fails naming the file for one that cannot be read or
// is not valid JSON, and for a missing `dir` (an operator who names a directory means it).
Result<std::vector<TemplateEntry>> load_template_directory(const std::filesystem::path& dir);

}  // namespace mytoken
