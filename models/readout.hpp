#pragma once
// A decoded readout of a run of registers: each row's value with its unit, enum name or bit
// names, and what is wrong with it under the value rules (R-ENUM, R-BITS, R-EVENTS,
// R-IDENTITY, R-RANGE). Used by `mbharness read`, by the conformance suites, and by the
// console report to show values next to raw registers.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness/codec/values/value_decoders.hpp"
#include "models/register_map.hpp"
#include "models/rule_table.hpp"

namespace mbh::models {

struct ValueIssue {
  RuleId rule;
  Level level;
  std::string message;
};

struct ReadoutEntry {
  const RegisterRow* row;
  std::vector<std::uint16_t> raw;
  codec::Value value;
  std::optional<double> physical;  // numeric types: raw x scale + offset
  std::string text;                // "52.3 V", "Connected (3)", "0x00000005 [A, B]"
  std::vector<ValueIssue> issues;  // empty: the value is valid
};

// Every row of `space` whose whole extent lies in [first, first + registers.size()), in
// address order, decoded and checked on its own. Rows cut by the range are left out.
std::vector<ReadoutEntry> read_out(const RegisterMap& map, Space space, std::uint16_t first,
                                   std::span<const std::uint16_t> registers);

// An event code's severity (RULES.md R-EVENTS): the first letter of a name of the form
// <severity><routine>_<nn> ("FT_10" is F); '*' for names not of that form ("int", "none").
char event_severity(std::string_view name);

// The value rules read_out() applies to a row (R-ENUM, R-BITS, R-EVENTS, R-IDENTITY, R-RANGE),
// in RuleId order, for the rules that apply to the map at all: a suite records a passing
// check for each rule that raised no issue.
std::vector<RuleId> value_rules_for(const RegisterMap& map, const RegisterRow& row);

// SunSpec scale factors ("V Scale Factor", "V_SF"): R-RANGE holds them to -10..10.
bool is_scale_factor(const RegisterRow& row);

// The length a SunSpec model's length row must hold: the registers up to the next model's ID
// row or the End Marker. Nothing for other rows and maps without a SunSpec structure.
std::optional<std::uint16_t> model_length(const RegisterMap& map, const RegisterRow& row);

// The checks that need several rows at once: SunSpec model lengths and markers (BMS,
// R-IDENTITY). `registers` holds the whole holding space read from `first`.
std::vector<ValueIssue> check_model_structure(const RegisterMap& map, std::uint16_t first,
                                              std::span<const std::uint16_t> registers);

}  // namespace mbh::models
