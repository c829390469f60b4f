#pragma once
// Which value a suite writes to a register. For read-back, a value as close to the current
// one as the type allows and still valid as far as the document says (another listed value,
// one raw step, half a unit of a float, within 0..100 %): devices may refuse or ignore values
// their owner's guide rules out, which the maps do not list. For read-only registers, a value
// far from the current one, so that a stored write cannot pass for the old value.
#include <cstdint>
#include <span>
#include <vector>

#include "models/register_map.hpp"

namespace mbh::conformance {

std::vector<std::uint16_t> nearby_valid_value(const models::RegisterRow& row,
                                              std::span<const std::uint16_t> original);

std::vector<std::uint16_t> distinct_value(std::span<const std::uint16_t> original);

}  // namespace mbh::conformance
