#pragma once
// The values at which Modbus stacks have gone wrong, per field: addresses at the ends of the
// address space and of every block of the map, and quantities at the ends of what each
// function allows. Pure and sorted, so tests can check every value is sent.
#include <cstdint>
#include <vector>

#include "models/register_map.hpp"

namespace mbh::netfuzz {

// 0, 1, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF and every block's first and last address, each +/- 1,
// sorted, each once.
std::vector<std::uint16_t> boundary_addresses(const models::RegisterMap& map);

// 0, 1, the function's maximum and maximum + 1, 0xFFFF (the maximum from max_quantity();
// for a function without one, the register limit 125).
std::vector<std::uint16_t> boundary_quantities(std::uint8_t function);

// 16-bit values worth trying in a value or mask field.
std::vector<std::uint16_t> boundary_words();

}  // namespace mbh::netfuzz
