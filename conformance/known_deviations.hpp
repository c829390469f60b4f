#pragma once
// Known deviations (conform --expect FILE, INTERFACE.md): the lines of the file, read into
// data, and their matching against a run's checks. A fail or warn that a line matches becomes
// `xfail` and no longer fails the run; a line that matches nothing is `xpass` and does (the
// device conforms there now: the file wants updating). Plain functions of their inputs.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "conformance/run_report.hpp"
#include "harness/codec/result.hpp"
#include "models/register_map.hpp"
#include "models/rule_table.hpp"

namespace mbh::conformance {

// "R-ENUM" or "R-ENUM holding 68": every failing check of the rule, or those of it whose
// registers hold the address.
struct RuleDeviation {
  models::RuleId rule;
  std::optional<models::Space> space;
  std::optional<std::uint16_t> address;
};

// A check id from a JSON report.
struct IdDeviation {
  std::string id;
};

struct DeviationLine {
  KnownDeviation source;  // line number, text, reason
  std::variant<RuleDeviation, IdDeviation> match;
};

struct KnownDeviations {
  std::vector<DeviationLine> lines;
};

struct DeviationError {
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based, of the word at fault
  std::string message;     // what is wrong and what was expected
};

Result<KnownDeviations, DeviationError> parse_known_deviations(std::string_view text);

// Marks every fail and warn of `report` that a line matches as known (status xfail) and lists
// the lines that matched nothing in report.xpass. Lines for rules the run did not check
// (--only) are neither; nor is any unmatched line of a run that did not run to its end, since
// the check it names may simply not have run yet. Idempotent: call it on every report written.
void apply_known_deviations(RunReport& report, const KnownDeviations& deviations);

// The failures and warnings of `report` (known ones too) as a known-deviations file: a header
// of comment lines, then one id line a check with its rule, level, register and message.
std::string known_deviations_text(const RunReport& report);

}  // namespace mbh::conformance
