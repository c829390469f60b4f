#include "reports/run_verdict.hpp"

#include <gtest/gtest.h>

#include "tests/reports/sample_report.hpp"

namespace mbh::reports {
namespace {

using models::Status;

conformance::RunReport only_warnings(bool strict) {
  auto report = testing::sample_report_restored();
  std::erase_if(report.checks, [](const auto& c) { return c.status == Status::kFail; });
  report.options.strict = strict;
  return report;
}

TEST(ReportVerdict, NamesEveryExitStatus) {
  auto report = only_warnings(false);
  EXPECT_EQ(verdict_text(report), "PASS");
  report = only_warnings(true);
  EXPECT_EQ(verdict_text(report), "FAIL (SHOULD violations under --strict)");
  EXPECT_EQ(verdict_text(testing::sample_report_restored()), "FAIL (MUST violations)");
  EXPECT_EQ(verdict_text(testing::sample_report()), "NOT RESTORED");
  report = testing::sample_report_restored();
  report.unreachable = true;
  EXPECT_EQ(verdict_text(report), "UNREACHABLE");
  report.interrupted = true;
  EXPECT_EQ(verdict_text(report), "INTERRUPTED");
  // A value not back outranks everything: the device is not as the run found it.
  report = testing::sample_report();
  report.interrupted = true;
  report.unreachable = true;
  EXPECT_EQ(verdict_text(report), "NOT RESTORED");
  report = testing::sample_report_restored();
  report.sequence_left_open = true;
  EXPECT_EQ(verdict_text(report), "NOT RESTORED");
}

}  // namespace
}  // namespace mbh::reports
