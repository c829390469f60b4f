#pragma once
// The values a device serving a map file holds (a map with no live model of its own): for each
// row one its type, enum, bits and unit allow, drawn from the seed, so that a clean device
// passes R-ENUM, R-BITS, R-RANGE and R-IDENTITY and the same seed gives the same values.
#include <cstdint>

#include "harness/simulator/register_bank.hpp"
#include "models/register_map.hpp"

namespace mbh::simulator {

void put_valid_values(const models::RegisterMap& map, std::uint64_t seed, RegisterBank& bank);

}  // namespace mbh::simulator
