#pragma once
// A run's checks counted per rule, and the EITHER outcomes a device chose grouped per rule:
// the console's RULES and EITHER OUTCOMES sections and the HTML page's rule tables say the
// same numbers, so one place counts them.
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "conformance/run_report.hpp"
#include "models/expectation.hpp"
#include "models/rule_table.hpp"

namespace mbh::reports {

struct RuleTally {
  models::RuleId rule;
  std::string levels;  // the levels its checks ran at: "MUST", or "MUST/SHOULD"
  // Indexed by models::Status; a known deviation (xfail) counts in `xfail` only.
  std::array<std::size_t, 5> by_status{};
  std::size_t xfail = 0;

  std::size_t count(models::Status status) const {
    return by_status[static_cast<std::size_t>(status)];
  }
};

// The rules that have checks, in RULES.md order.
std::vector<RuleTally> rule_tallies(const conformance::RunReport& report);

struct EitherOutcome {
  std::string message;     // the outcome, as the check recorded it
  std::size_t checks = 0;  // how many checks saw it
};

struct RuleEitherOutcomes {
  models::RuleId rule;
  std::vector<EitherOutcome> outcomes;  // distinct messages, first seen first
};

// The rules with EITHER checks, in RULES.md order.
std::vector<RuleEitherOutcomes> either_outcomes(const conformance::RunReport& report);

}  // namespace mbh::reports
