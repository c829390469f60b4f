#pragma once
// The journal record of a map row about to be written: how RULES.md says it is put back (a
// value, a command register's no-command value, the clock; Enapter's configuration registers
// through the sequence), from the model.
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "harness/journal/journal_record.hpp"
#include "models/register_map.hpp"

namespace mbh::journal {

// The map's configuration sequence as the journal records it; nullopt where it has none.
std::optional<Sequence> sequence_of(const models::RegisterMap& map);

JournalRegister row_entry(const models::RegisterMap& map, const models::RegisterRow& row,
                          std::string target, std::uint8_t unit,
                          std::span<const std::uint16_t> original, std::int64_t read_at);

}  // namespace mbh::journal
