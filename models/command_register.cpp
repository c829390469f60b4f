#include "models/command_register.hpp"

namespace mbh::models {

bool is_command_register(const RegisterRow& row) {
  return row.command;
}

bool command_by_default(const RegisterRow& row) {
  return row.access == Access::kReadWrite && row.type.register_count() == 1 &&
         (row.safety == SafetyClass::kDestructive || row.safety == SafetyClass::kCommand);
}

std::uint16_t command_value(const RegisterRow& row) {
  for (const EnumEntry& entry : row.enums) {
    if (entry.value != row.no_command) return static_cast<std::uint16_t>(entry.value);
  }
  return 1;
}

std::optional<std::uint16_t> no_command_value(const RegisterRow& row) {
  return row.command ? row.no_command : std::nullopt;
}

bool reads_idle(const RegisterRow& row, std::uint64_t raw) {
  return row.command && (raw == 0 || (row.no_command && raw == *row.no_command));
}

}  // namespace mbh::models
