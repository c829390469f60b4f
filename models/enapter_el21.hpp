#pragma once
// Enapter Electrolyser EL 2.1 register map (map id "enapter-el21"), transcribed from
// shared/specs/enapter-el21-modbus-tcp.md (EL 2.1 FW 1.1.2 Modbus TCP Communication Interface).
#include <cstdint>
#include <span>
#include <string_view>

#include "models/register_map.hpp"

namespace mbh::models {

// One row of the document's "Error Codes" table: the codes the two event arrays hold.
struct EnapterErrorCode {
  std::uint16_t code;
  std::string_view name;       // "FT_10"; "none" (0x0000) and "int" (0x0FFF) are not events
  std::string_view component;  // "--" where the document names none
  std::string_view description;

  // True for names of the form <severity><routine>_<nn>, e.g. "FT_10".
  constexpr bool is_event() const {
    return name.size() >= 4 && is_upper(name[0]) && is_upper(name[1]) && name[2] == '_';
  }
  // Severity level F (fatal error), E (error) or W (warning): the name's first letter
  // (RULES.md R-EVENTS). '\0' for "none" and "int".
  constexpr char severity() const { return is_event() ? name[0] : '\0'; }
  // Routine (C, D, R, S, T, U, X, F, L, O, P, see the document's "Routines" table): the
  // name's second letter. '\0' for "none" and "int".
  constexpr char routine() const { return is_event() ? name[1] : '\0'; }

 private:
  static constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
};

const RegisterMap& enapter_el21_map();

// The document's Error Codes table, in its order (0x0000 "none" and 0x0FFF "int" included).
std::span<const EnapterErrorCode> enapter_error_codes();

}  // namespace mbh::models
