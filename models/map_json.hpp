#pragma once
// A register map as JSON: what `mbharness maps NAME --json` prints, and so the form of a map
// file (INTERFACE.md "Map files"). Users script against these keys: keep every key and its
// place; new fields come after, and only when set.
#include <nlohmann/json.hpp>
#include <string_view>

#include "models/register_map.hpp"

namespace mbh::models {

// The whole model: the summary's keys, then blocks, rules and rows in full, then the optional
// fields (configuration, structure, answers_any_unit, simulation) where they are set.
nlohmann::ordered_json map_json(const RegisterMap& map);

// The map's entry in `maps --json`: id, title, document, port, units, default_unit, and the
// counts of rows and blocks.
nlohmann::ordered_json map_summary_json(const RegisterMap& map);

// "none", "sunspec": the `structure` field (model_text.hpp names the rest).
std::string_view structure_name(ModelStructure structure);

}  // namespace mbh::models
