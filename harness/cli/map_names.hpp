#pragma once
// The known map ids as a usage error lists them: "conext-bms, conext-ags, enapter-el21".
#include <string>

namespace mbh::cli {

std::string known_map_ids();

}  // namespace mbh::cli
