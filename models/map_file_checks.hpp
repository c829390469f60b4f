#pragma once
// The checks of a map file that span rows and blocks, on the map as read: rows of a space do
// not overlap, blocks of a space do not overlap, every row lies inside one block and every
// block holds a row, and the configuration sequence names rows that exist. Throws
// MapFileFault at the first fault, naming rows and blocks by their index in the file.
#include "models/register_map.hpp"

namespace mbh::models {

// Needs map.rows_by_address filled.
void check_map_layout(const RegisterMap& map);

}  // namespace mbh::models
