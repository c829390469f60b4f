#pragma once
// The three maps the harness ships, loaded from their compiled-in map files on first use.
// Each is transcribed row by row from its vendor's document in shared/specs (the file's
// `document` field names it) and held against it by tests/models/model_transcription_test.
#include <array>
#include <span>
#include <string_view>

#include "models/register_map.hpp"

namespace mbh::models {

// Their ids in catalogue order, known without loading them: also the live models the simulator
// runs (a map file's `simulation` names one of them).
inline constexpr std::array<std::string_view, 3> kBuiltinMapIds{"conext-bms", "conext-ags",
                                                                "enapter-el21"};

// All of them, in the order of kBuiltinMapIds.
std::span<const RegisterMap* const> builtin_maps();

// Conext Gateway Li-Ion Battery Management System (map id "conext-bms").
const RegisterMap& conext_bms_map();
// Conext Automatic Generator Start (map id "conext-ags").
const RegisterMap& conext_ags_map();
// Enapter Electrolyser EL 2.1 (map id "enapter-el21").
const RegisterMap& enapter_el21_map();

}  // namespace mbh::models
