#pragma once
// A map file's JSON, parsed and located, read field by field into a LoadedMap (INTERFACE.md
// "Map files"). Each field is checked as it is read; what spans rows and blocks is left to
// map_file_checks.hpp. Throws MapFileFault at the first fault.
#include <memory>
#include <nlohmann/json_fwd.hpp>

#include "models/json_positions.hpp"
#include "models/map_file.hpp"

namespace mbh::models {

// How deep a map file nests: the top level, rows, a row, its enum, an entry.
inline constexpr std::size_t kMapFileDepth = 4;

// `positions` gives the order of enum and bit entries, which the parsed DOM does not keep.
std::unique_ptr<const LoadedMap> read_map_json(const nlohmann::json& root,
                                               const JsonPositions& positions);

}  // namespace mbh::models
