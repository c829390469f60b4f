#pragma once
// The register maps the harness knows, by id, and lookups by protocol address.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "models/register_map.hpp"

namespace mbh::models {

// conext-bms, conext-ags, enapter-el21, in that order.
std::span<const RegisterMap* const> all_maps();

// The map with this id ("conext-bms"), or null.
const RegisterMap* find_map(std::string_view id);

// The row of `space` whose extent [address, address + type.register_count()) contains
// `address` (so both halves of a 32-bit value give its row), or null in a gap.
const RegisterRow* row_at(const RegisterMap& map, Space space, std::uint16_t address);

// The level at which `rule` applies to `map`; nullopt: not checked.
std::optional<Level> level_of(const RegisterMap& map, RuleId rule);

// The block of `space` that contains `address`, or null in a gap.
const Block* block_of(const RegisterMap& map, Space space, std::uint16_t address);

}  // namespace mbh::models
