#pragma once
// RULES.md's command registers (AGS Reset, Clear, Refresh Configuration Data; the destructive
// orders such as Enapter's Reboot): a write is an order, not a stored value. They may read
// back 0, are never written back with an order, and are put back to their no-command value
// where they have one.
#include <cstdint>
#include <optional>

#include "models/register_map.hpp"

namespace mbh::models {

bool is_command_register(const RegisterRow& row);

// The order a run gives when it may: the mildest the document lists (Reboot before Reset to
// Factory), never the no-command value.
std::uint16_t command_value(const RegisterRow& row);

// The value that orders nothing (0 for AGS Clear and Refresh Configuration Data, R-ENUM), or
// nothing where every value is an order (AGS Reset's 0 reboots).
std::optional<std::uint16_t> no_command_value(const RegisterRow& row);

}  // namespace mbh::models
