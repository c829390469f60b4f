#include "models/command_register.hpp"

#include <string_view>

namespace mbh::models {
namespace {

bool orders_nothing(const EnumEntry& entry) {
  return entry.name.starts_with("No command");
}

}  // namespace

bool is_command_register(const RegisterRow& row) {
  return row.safety == SafetyClass::kDestructive ||
         row.rules_note.find("a command register") != std::string_view::npos;
}

std::uint16_t command_value(const RegisterRow& row) {
  for (const EnumEntry& entry : row.enums) {
    if (!orders_nothing(entry)) return static_cast<std::uint16_t>(entry.value);
  }
  return 1;
}

std::optional<std::uint16_t> no_command_value(const RegisterRow& row) {
  if (!is_command_register(row)) return std::nullopt;
  for (const EnumEntry& entry : row.enums) {
    if (orders_nothing(entry)) return static_cast<std::uint16_t>(entry.value);
  }
  return std::nullopt;
}

}  // namespace mbh::models
