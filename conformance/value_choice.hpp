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

// RULES.md R-ENUM's command registers (AGS Reset, Clear, Refresh Configuration Data) and the
// Enapter Reboot: a write is an order, not a stored value, and may read back 0.
bool is_command_register(const models::RegisterRow& row);

// The order a command register is given when the run may: the mildest the document lists
// (Reboot before Reset to Factory), never RULES.md's added "no command" 0.
std::uint16_t command_value(const models::RegisterRow& row);

}  // namespace mbh::conformance
