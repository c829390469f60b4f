#pragma once
// Conext Automatic Generator Start (AGS) register map (map id "conext-ags"), transcribed from
// shared/specs/conext-ags-modbus-map.txt (a PDF-to-text extraction of the vendor's map).
#include "models/register_map.hpp"

namespace mbh::models {

const RegisterMap& conext_ags_map();

}  // namespace mbh::models
