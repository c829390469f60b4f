#pragma once
// RULES.md's rule table as data: one RuleId per rule, and for each map the level at which it
// applies. Every check the harness makes names one of these ids.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace mbh::models {

enum class RuleId : std::uint8_t {
  kValidRead,     // R-VALID-READ
  kPartial32,     // R-PARTIAL-32
  kPartialOther,  // R-PARTIAL-OTHER
  kGap,           // R-GAP
  kBoundary,      // R-BOUNDARY
  kQuantity,      // R-QUANTITY
  kFunction,      // R-FUNCTION
  kMbap,          // R-MBAP
  kUnit,          // R-UNIT
  kEnum,          // R-ENUM
  kBits,          // R-BITS
  kEvents,        // R-EVENTS
  kIdentity,      // R-IDENTITY
  kRange,         // R-RANGE
  kReadback,      // R-READBACK
  kReadonly,      // R-READONLY
  kConfig,        // R-CONFIG
};

inline constexpr std::size_t kRuleCount = 17;

enum class Level : std::uint8_t {
  kMust,    // a violation fails the run
  kShould,  // a warning; fails only under --strict
  kEither,  // several outcomes allowed; fails only when none of them is seen
};

std::string_view rule_name(RuleId rule);     // "R-VALID-READ"
std::string_view rule_summary(RuleId rule);  // RULES.md's "what" column, shortened
std::optional<RuleId> parse_rule(std::string_view name);
std::string_view level_name(Level level);  // "MUST", "SHOULD", "EITHER"

// How one rule applies to one map: its headline level (the cell of RULES.md's table), or
// not at all ("n/a"). Where a cell holds several levels for parts of a rule (R-READONLY:
// MUST unchanged, SHOULD answered with an exception), `level` is the strictest and `cell`
// quotes the rest; the oracle applies the parts.
struct RuleApplication {
  RuleId rule;
  std::optional<Level> level;  // nullopt: n/a for this map
  std::string_view cell;       // RULES.md's cell, verbatim in substance
};

// RULES.md's column for each built-in map: the 17 rules in RuleId order.
std::span<const RuleApplication> conext_bms_rules();
std::span<const RuleApplication> conext_ags_rules();
std::span<const RuleApplication> enapter_el21_rules();

// The level `rules` gives `rule`; nullopt where it is n/a or not listed (a map file may leave
// rules out: they are not checked).
std::optional<Level> level_in(std::span<const RuleApplication> rules, RuleId rule);

}  // namespace mbh::models
