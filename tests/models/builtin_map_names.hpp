#pragma once
// The built-in maps by the short names the model tests give them.
#include "models/builtin_maps.hpp"

namespace mbh::models::testing {

inline const RegisterMap& bms() {
  return conext_bms_map();
}
inline const RegisterMap& ags() {
  return conext_ags_map();
}
inline const RegisterMap& enapter() {
  return enapter_el21_map();
}

}  // namespace mbh::models::testing
