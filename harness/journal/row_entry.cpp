#include "harness/journal/row_entry.hpp"

#include "models/command_register.hpp"
#include "models/known_state.hpp"
#include "models/model_text.hpp"

namespace mbh::journal {

std::optional<Sequence> sequence_of(const models::RegisterMap& map) {
  if (!map.configuration) return std::nullopt;
  return Sequence{map.configuration->begin, map.configuration->commit, map.configuration->progress};
}

JournalRegister row_entry(const models::RegisterMap& map, const models::RegisterRow& row,
                          std::string target, std::uint8_t unit,
                          std::span<const std::uint16_t> original, std::int64_t read_at) {
  JournalRegister entry;
  entry.key = RegisterKey{std::move(target), unit, row.space, row.address};
  entry.name = std::string(row.name);
  entry.safety = std::string(models::safety_name(row.safety));
  entry.registers = static_cast<std::uint16_t>(row.type.register_count());
  entry.original.assign(original.begin(), original.end());
  entry.multiple = entry.registers > 1;
  entry.read_only = row.access == models::Access::kRead;
  entry.read_at = read_at;
  if (models::is_command_register(row)) {
    entry.kind = RestoreKind::kCommand;
    entry.no_command = models::no_command_value(row);
  } else if (row.safety == models::SafetyClass::kClock) {
    entry.kind = RestoreKind::kClock;
  }
  if (row.space == models::Space::kHolding && models::is_configuration_register(map, row.address)) {
    entry.sequence = sequence_of(map);
  }
  return entry;
}

}  // namespace mbh::journal
