#pragma once
// Conext Gateway Li-Ion Battery Management System register map (map id "conext-bms"),
// transcribed from shared/specs/conext-gateway-li-ion-bms-modbus-map.md (990-91344B Rev B).
#include "models/register_map.hpp"

namespace mbh::models {

const RegisterMap& conext_bms_map();

}  // namespace mbh::models
