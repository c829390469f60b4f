#pragma once
// Random reads drawn from a model for the random-read property: addresses at row starts,
// inside values, at block edges and anywhere near the map; quantities anywhere from 0 to
// 126, the edges (0, 1, 125, 126) always among them. rapidcheck generates and shrinks them.
#include <rapidcheck/Gen.h>

#include <cstdint>
#include <string>

#include "models/register_map.hpp"

namespace mbh::conformance {

struct ReadCase {
  models::Space space = models::Space::kHolding;
  std::uint16_t address = 0;
  std::uint16_t quantity = 0;
};

rc::Gen<ReadCase> read_cases(const models::RegisterMap& map);

std::string describe(const ReadCase& read);

}  // namespace mbh::conformance
