#pragma once

#include <vector>

#include "domain/templates/template_catalogue.hpp"

namespace mytoken {

// The templates a fresh server offers without any file (docs/profiles.md), in group `_`: the set the reference
// server documents and ships in its example configuration (spec §13.1, §9).
std::vector<TemplateEntry> builtin_templates();

}  // namespace mytoken
