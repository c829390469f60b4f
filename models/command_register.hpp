#pragma once
// RULES.md's command registers (AGS Reset, Clear, Refresh Configuration Data; destructive orders
// such as Enapter's Reboot): a write is an order, not a stored value. Which rows they are and
// what orders nothing is the map's data (a row's `command` and `no_command`).
#include <cstdint>
#include <optional>

#include "models/register_map.hpp"

namespace mbh::models {

bool is_command_register(const RegisterRow& row);

// What a map file's row is unless it says: a one-register row of the destructive or command
// class is a command register (safe by default: it is never written back with an order).
bool command_by_default(const RegisterRow& row);

// The order a run gives when it may: the first value the document lists that is not the
// no-command value (Reboot before Reset to Factory), 1 where it lists none.
std::uint16_t command_value(const RegisterRow& row);

// The value that orders nothing (0 for AGS Clear and Refresh Configuration Data), or nothing
// where every value is an order (AGS Reset's 0 reboots).
std::optional<std::uint16_t> no_command_value(const RegisterRow& row);

// R-ENUM: a command register may also read 0, and its no-command value, listed or not.
bool reads_idle(const RegisterRow& row, std::uint64_t raw);

}  // namespace mbh::models
