#pragma once
// What the oracle expects of a device for one request, and its verdict on what came back.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/codec/function_code.hpp"
#include "models/register_map.hpp"
#include "models/rule_table.hpp"

namespace mbh::models {

enum class Status : std::uint8_t {
  kPass,    // the outcome the rule asks for
  kFail,    // a MUST violation, or none of an EITHER rule's outcomes
  kWarn,    // a SHOULD violation
  kSkip,    // not checked (safety class, --only, n/a)
  kEither,  // one of several outcomes the rule allows; which one is recorded
};

std::string_view status_name(Status status);  // "pass", "fail", "warn", "skip", "either"

enum class OutcomeKind : std::uint8_t {
  kData,          // a normal response (for writes, the echo); `values` when they are known
  kException,     // exception response with `exception`
  kAnyException,  // an exception response with any code
  kAnyAnswer,     // any well-formed response (R-UNIT: "a normal answer as unit 1")
  kNoAnswer,      // silence until the timeout (R-UNIT only)
};

struct Outcome {
  OutcomeKind kind;
  Status status;  // what seeing this outcome gives
  codec::ExceptionCode exception = codec::ExceptionCode::kIllegalFunction;  // kException
  std::optional<std::vector<std::uint16_t>> values;  // kData of a read, when known
  std::string_view label = "";  // "the raw halves", "zeros", "staged value" ...
};

struct Expectation {
  RuleId rule;
  Level level;
  std::optional<std::uint16_t> address;  // the register the check concerns, if one
  std::vector<Outcome> outcomes;         // never empty
  Status otherwise;                      // for any outcome not listed: fail, or warn (SHOULD)
  std::string reason;                    // one sentence: why these outcomes
};

struct Verdict {
  Status status;
  RuleId rule;
  Level level;
  std::string message;  // one readable sentence: expected against observed
};

// The registers a device is known to hold, from what a run wrote and the device accepted.
// Keys are (space, address); Enapter configuration registers written since Configuration
// Begin are `staged` until Commit.
struct KnownState {
  std::map<std::pair<Space, std::uint16_t>, std::uint16_t> committed;
  std::map<std::pair<Space, std::uint16_t>, std::uint16_t> staged;
  bool configuration_open = false;
};

}  // namespace mbh::models
