#include "models/known_state.hpp"

#include <variant>

namespace mbh::models {
namespace {

bool is_clock(const RegisterMap& map, std::uint16_t address) {
  for (const RegisterRow& row : map.rows) {
    if (row.space == Space::kHolding && row.safety == SafetyClass::kClock &&
        address >= row.address && address < row.address + row.type.register_count()) {
      return true;
    }
  }
  return false;
}

void remember_word(const RegisterMap& map, std::uint16_t address, std::uint16_t value,
                   KnownState& state) {
  const auto key = std::pair{Space::kHolding, address};
  const auto& sequence = map.configuration;
  if (!sequence) {
    state.committed[key] = value;
    return;
  }
  if (address == sequence->begin) {
    if (value == 0) return;
    if (!state.configuration_open) state.staged.clear();
    state.configuration_open = true;
  } else if (address == sequence->commit) {
    if (value != 0 && state.configuration_open) {
      for (const auto& [staged, staged_value] : state.staged)
        state.committed[staged] = staged_value;
    }
    state.staged.clear();
    state.configuration_open = false;
  } else if (is_configuration_register(map, address)) {
    if (state.configuration_open) state.staged[key] = value;  // outside: no effect
  } else if (is_clock(map, address)) {
    state.committed.erase(key);  // the clock ticks on: RULES.md compares it within 2 s
  } else {
    state.committed[key] = value;
  }
}

}  // namespace

bool is_configuration_register(const RegisterMap& map, std::uint16_t address) {
  const auto& sequence = map.configuration;
  return sequence && address >= sequence->first && address <= sequence->last &&
         address != sequence->begin && address != sequence->commit;
}

void remember(const RegisterMap& map, const codec::Request& request,
              const codec::Response& response, KnownState& state) {
  if (std::holds_alternative<codec::ExceptionResponse>(response)) return;
  if (const auto* single = std::get_if<codec::WriteSingleRegisterRequest>(&request)) {
    remember_word(map, single->address, single->value, state);
  } else if (const auto* multiple = std::get_if<codec::WriteMultipleRegistersRequest>(&request)) {
    for (std::size_t i = 0; i < multiple->values.size(); ++i) {
      remember_word(map, static_cast<std::uint16_t>(multiple->address + i), multiple->values[i],
                    state);
    }
  }
}

}  // namespace mbh::models
