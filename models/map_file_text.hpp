#pragma once
// A register map laid out as a map file: `map_json` with one line per row, block and rule, so
// that a reader can hold the file row by row against the vendor's document and a change to one
// row is a change to one line. What `maps NAME --json` prints and the built-in map files hold.
#include <string>

#include "models/register_map.hpp"

namespace mbh::models {

std::string map_file_text(const RegisterMap& map);

}  // namespace mbh::models
