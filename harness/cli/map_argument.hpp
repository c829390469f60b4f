#pragma once
// --map's value on every command: a built-in map id, or the path of a map file
// (INTERFACE.md "Map files"). A map loaded from a file lives until the process ends.
#include <string>
#include <string_view>

#include "harness/codec/result.hpp"
#include "models/register_map.hpp"

namespace mbh::cli {

// The known map ids as a usage error lists them: "conext-bms, conext-ags, enapter-el21".
std::string known_map_ids();

// --map's help: the ids, and that a path to a map file works too.
std::string map_argument_help();

// The built-in map of that id, or the map the file at that path holds. The error is the
// whole message: the file, line, column and field at fault, or the ids known.
Result<const models::RegisterMap*, std::string> resolve_map(std::string_view argument);

}  // namespace mbh::cli
