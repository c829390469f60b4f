#pragma once
// The simulator's faults: each makes one RULES.md rule fail (or, for transport faults, tests
// the harness's own robustness), so that every conformance check can be shown able to fail.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "harness/codec/result.hpp"
#include "models/rule_table.hpp"

namespace mbh::simulator {

enum class FaultKind : std::uint8_t {
  kRule,        // breaks the rule named in `rule`
  kTransport,   // slow answers, dropped connections, silence, truncated answers
  kFuzzTarget,  // crash-on=SHAPE, hang-on=SHAPE: something for `mbharness fuzz` to find
};

struct FaultInfo {
  std::string_view name;  // "partial-32-data"
  FaultKind kind;
  std::optional<models::RuleId> rule;  // the rule it breaks (kRule)
  std::string_view description;        // one line: what it does
  // "" when it takes none; else what ARG means ("MS", "SHAPE"), in brackets when it may be left
  // out ("[N]").
  std::string_view argument;

  constexpr bool argument_optional() const { return argument.starts_with('['); }
};

std::span<const FaultInfo> fault_catalogue();
const FaultInfo* find_fault(std::string_view name);

struct FaultSpec {
  const FaultInfo* info;
  std::optional<std::string> argument;
};

// "NAME" or "NAME=ARG"; the error says what is wrong (unknown name, missing or unexpected
// argument, a malformed argument). An optional argument left out gives no `argument`.
Result<FaultSpec, std::string> parse_fault(std::string_view text);

}  // namespace mbh::simulator
