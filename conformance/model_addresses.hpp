#pragma once
// Addresses the suites aim at, found in the model: the first row of a space, an address no
// row defines, the gaps between blocks.
#include <cstdint>
#include <optional>
#include <vector>

#include "models/register_map.hpp"

namespace mbh::conformance {

struct AddressGap {
  models::Space space;
  std::uint16_t first;
  std::uint16_t last;                           // inclusive
  const models::RegisterRow* before = nullptr;  // the row that ends just before, if one
  const models::RegisterRow* after = nullptr;   // the row that starts just after, if one
};

bool has_space(const models::RegisterMap& map, models::Space space);

// The lowest-addressed row of a space (null when the map has none).
const models::RegisterRow* first_row(const models::RegisterMap& map, models::Space space);

// Every run of addresses no row of `space` defines: between blocks, one address before the
// first block, and one past the last.
std::vector<AddressGap> gaps_of(const models::RegisterMap& map, models::Space space);

// One holding address that no row defines (past the map's end where it can be).
std::uint16_t unused_holding_address(const models::RegisterMap& map);

}  // namespace mbh::conformance
