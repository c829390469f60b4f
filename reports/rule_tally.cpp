#include "reports/rule_tally.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string_view>

namespace mbh::reports {
namespace {

using conformance::CheckRecord;

// "MUST", or "MUST/SHOULD" for a rule whose checks ran at several levels.
std::string levels_of(const conformance::RunReport& report, models::RuleId rule) {
  std::vector<std::string_view> levels;
  for (models::Level level :
       {models::Level::kMust, models::Level::kShould, models::Level::kEither}) {
    if (std::ranges::any_of(report.checks, [&](const CheckRecord& c) {
          return c.rule == rule && c.level == level;
        })) {
      levels.push_back(models::level_name(level));
    }
  }
  return fmt::format("{}", fmt::join(levels, "/"));
}

}  // namespace

std::vector<RuleTally> rule_tallies(const conformance::RunReport& report) {
  std::vector<RuleTally> tallies;
  for (std::size_t i = 0; i < models::kRuleCount; ++i) {
    RuleTally tally{static_cast<models::RuleId>(i), "", {}, 0};
    bool any = false;
    for (const auto& check : report.checks) {
      if (check.rule != tally.rule) continue;
      any = true;
      if (check.known) {
        ++tally.xfail;
      } else {
        ++tally.by_status[static_cast<std::size_t>(check.status)];
      }
    }
    if (!any) continue;
    tally.levels = levels_of(report, tally.rule);
    tallies.push_back(std::move(tally));
  }
  return tallies;
}

std::vector<RuleEitherOutcomes> either_outcomes(const conformance::RunReport& report) {
  std::vector<RuleEitherOutcomes> rules;
  for (std::size_t i = 0; i < models::kRuleCount; ++i) {
    RuleEitherOutcomes rule{static_cast<models::RuleId>(i), {}};
    for (const auto& check : report.checks) {
      if (check.rule != rule.rule || check.status != models::Status::kEither) continue;
      auto seen = std::ranges::find(rule.outcomes, check.message, &EitherOutcome::message);
      if (seen == rule.outcomes.end()) {
        rule.outcomes.push_back({check.message, 1});
      } else {
        ++seen->checks;
      }
    }
    if (!rule.outcomes.empty()) rules.push_back(std::move(rule));
  }
  return rules;
}

}  // namespace mbh::reports
