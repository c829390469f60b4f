#include "reports/console_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "harness/exchange/frame_hex.hpp"
#include "tests/reports/sample_report.hpp"
#include "tests/reports/text_position.hpp"

namespace mbh::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::position;

std::string console(const conformance::RunReport& report, bool colour = false) {
  std::ostringstream out;
  write_console_report(report, out, colour);
  return out.str();
}

std::string checks(const conformance::RunReport& report, bool colour = false) {
  std::ostringstream out;
  write_console_checks(report, out, colour);
  return out.str();
}

TEST(ConsoleReport, HeaderNamesMapTargetUnitSeedAndOptions) {
  auto report = testing::sample_report();
  std::string text = console(report);
  EXPECT_THAT(text, HasSubstr("map      conext-bms, unit 230\n"));
  EXPECT_THAT(text, HasSubstr("target   127.0.0.1:5020\n"));
  EXPECT_THAT(text, HasSubstr("seed     42\n  started  2026-12-06T14:20:00Z\n"));
  EXPECT_THAT(text, HasSubstr("strict   no"));
  EXPECT_THAT(text, HasSubstr("writes   settings only"));
  EXPECT_THAT(text, HasSubstr("rules    all\n"));
  report.options = {true, true, false, false, {models::RuleId::kGap, models::RuleId::kUnit}};
  text = console(report);
  EXPECT_THAT(text, HasSubstr("strict   yes"));
  EXPECT_THAT(text, HasSubstr("writes   none (--read-only)"));
  EXPECT_THAT(text, HasSubstr("rules    R-GAP, R-UNIT (--only)"));
  report.options = {false, false, true, true, {}};
  EXPECT_THAT(console(report), HasSubstr("(--allow-actuation); destructive and connectivity "
                                         "(--allow-destructive)"));
}

TEST(ConsoleReport, FailuresComeFirstFailsBeforeWarnsAndBeforeTheRuleTable) {
  const std::string text = console(testing::sample_report());
  const auto failures = position(text, "FAILURES  4 fail, 1 warn");
  const auto gap = position(text, "FAIL   R-GAP MUST  read 40036..40037  (holding 40036)");
  const auto silent = position(text, "FAIL   R-VALID-READ MUST  read 40002..40003");
  const auto warn = position(text, "WARN   R-BITS SHOULD  bitmap 40110");
  const auto table = position(text, "RULES\n");
  EXPECT_LT(failures, gap);
  EXPECT_LT(silent, warn);
  EXPECT_LT(warn, table);
  // Passing checks are counted, not listed.
  EXPECT_THAT(text, Not(HasSubstr("read 40000..40001")));
}

TEST(ConsoleReport, FailureShowsMessageFramesDecodedAndInHexAndReproduce) {
  const std::string text = console(testing::sample_report());
  EXPECT_THAT(text, HasSubstr("expected exception 02 (illegal data address), got 2 registers\n"));
  EXPECT_THAT(text, HasSubstr("request    unit 230, transaction 7: "
                              "ReadHoldingRegistersRequest{address=40036, quantity=2}\n"));
  EXPECT_THAT(text, HasSubstr(exchange::hex_spaced(testing::gap_request())));
  EXPECT_THAT(text, HasSubstr("00 07 00 00 00 06 E6 03 9C 64 00 02"));
  EXPECT_THAT(text, HasSubstr("response   unit 230, transaction 7: "
                              "ReadHoldingRegistersResponse{values=[0 0]}\n"));
  EXPECT_THAT(text, HasSubstr(std::string("reproduce  ") + testing::kGapReproduce + "\n"));
  EXPECT_THAT(text, HasSubstr("response   no response\n"));
  EXPECT_THAT(text, HasSubstr("response   not a Modbus TCP frame: the frame ends before its "
                              "layout does at byte 4: the MBAP header is 7 bytes; the frame has "
                              "4\n                 DE AD BE EF"));
  EXPECT_THAT(text, HasSubstr("not a valid request: function code not implemented"));
  EXPECT_THAT(text, HasSubstr("the MBAP header does not echo the request's: response "
                              "transaction id is not the request's at byte 0 (MBAP "
                              "transaction_id): transaction id 13 (0x000D); the request's is 12"));
}

TEST(ConsoleReport, StrictSaysWarningsCountAsFailing) {
  auto report = testing::sample_report();
  EXPECT_THAT(console(report), HasSubstr("warnings do not fail the run"));
  report.options.strict = true;
  EXPECT_THAT(console(report), HasSubstr("under --strict a warning counts as failing"));
}

TEST(ConsoleReport, RuleTableCountsEachRuleInRulesMdOrder) {
  const std::string text = console(testing::sample_report());
  const auto valid =
      position(text, "R-VALID-READ     MUST                   1     1     0      0     0\n");
  const auto gap =
      position(text, "R-GAP            MUST                   0     1     0      0     0\n");
  const auto unit =
      position(text, "R-UNIT           EITHER                 0     0     0      1     0\n");
  const auto bits =
      position(text, "R-BITS           SHOULD                 0     0     1      0     0\n");
  const auto readback =
      position(text, "R-READBACK       MUST                   0     0     0      0     1\n");
  EXPECT_LT(valid, gap);
  EXPECT_LT(gap, unit);
  EXPECT_LT(unit, bits);
  EXPECT_LT(bits, readback);
  EXPECT_THAT(text, Not(HasSubstr("R-CONFIG")));  // no checks, no row
}

TEST(ConsoleReport, EitherOutcomesAreGroupedByRuleAndCapped) {
  auto report = testing::sample_report();
  auto either = report.checks[4];
  for (int unit = 100; unit < 108; ++unit) {
    either.message = "no answer to unit " + std::to_string(unit);
    report.checks.push_back(either);
  }
  report.checks.push_back(either);  // a repeat of the last message
  const std::string text = console(report);
  const auto section = position(text, "EITHER OUTCOMES");
  EXPECT_LT(position(text, "  R-UNIT\n    no answer to unit 99"), position(text, "WRITES"));
  EXPECT_GT(text.find("  R-UNIT\n    no answer to unit 99"), section);
  EXPECT_THAT(text, HasSubstr("    no answer to unit 103\n"));
  EXPECT_THAT(text, Not(HasSubstr("no answer to unit 104")));
  EXPECT_THAT(text, HasSubstr("    ... and 4 more\n"));
  report.checks.resize(5);
  report.checks.push_back(report.checks[4]);
  EXPECT_THAT(console(report), HasSubstr("(allowed: no answer, or exception 0A/0B) (2 checks)\n"));
}

TEST(ConsoleReport, WritesSayOriginalWrittenAndRestored) {
  const std::string text = console(testing::sample_report());
  EXPECT_THAT(text, HasSubstr("WRITES  2 registers, 1 not restored\n"));
  EXPECT_THAT(text, HasSubstr("holding 40130  Controller Heartbeat: 5 -> 6; restored\n"));
  EXPECT_THAT(
      text,
      HasSubstr("holding 40131  Max Tank Pressure: 16 bar [16 0] -> 17 bar [17 0]; NOT RESTORED: "
                "device answered exception 04 to the restoring write\n"));
}

TEST(ConsoleReport, SummaryGivesCountsRateAndVerdict) {
  const std::string text = console(testing::sample_report());
  EXPECT_THAT(text, HasSubstr("8 checks: 1 pass, 4 fail, 1 warn, 1 either, 1 skip\n"));
  EXPECT_THAT(text, HasSubstr("120 requests in 2.400 s (50.0 requests/s)\n"));
  EXPECT_THAT(text, HasSubstr("verdict: NOT RESTORED, exit status 4\n"));
  EXPECT_GT(position(text, "SUMMARY"), position(text, "WRITES"));
}

TEST(ConsoleReport, VerdictLineForEveryExitStatus) {
  using models::Status;
  auto warnings_only = testing::sample_report_restored();
  std::erase_if(warnings_only.checks, [](const auto& c) { return c.status == Status::kFail; });
  EXPECT_THAT(console(warnings_only), HasSubstr("verdict: PASS, exit status 0\n"));
  warnings_only.options.strict = true;
  EXPECT_THAT(console(warnings_only),
              HasSubstr("verdict: FAIL (SHOULD violations under --strict), exit status 1\n"));
  EXPECT_THAT(console(testing::sample_report_restored()),
              HasSubstr("verdict: FAIL (MUST violations), exit status 1\n"));
  auto report = testing::sample_report_restored();
  report.unreachable = true;
  std::string text = console(report);
  EXPECT_THAT(text, HasSubstr("verdict: UNREACHABLE, exit status 3\n"));
  EXPECT_THAT(text, HasSubstr("target unreachable"));
  report.interrupted = true;
  report.stopped = "SIGINT after 120 requests";
  text = console(report);
  EXPECT_THAT(text, HasSubstr("verdict: INTERRUPTED, exit status 130\n"));
  EXPECT_THAT(text, HasSubstr("stopped early: SIGINT after 120 requests\n"));
}

TEST(ConsoleReport, NoAnsiEscapesWithoutColourEvenFromAHostileDevice) {
  const std::string text =
      console(testing::sample_report(), false) + checks(testing::sample_report(), false);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_THAT(text, HasSubstr("<&\"'> \\x1B[31mred\\x1B[0m nul\\x01 bad\\xFF"));
}

TEST(ConsoleReport, ColourMarksFailWarnAndPass) {
  const std::string text = console(testing::sample_report(), true);
  EXPECT_THAT(text, HasSubstr("\x1b[31mFAIL\x1b[0m   R-GAP"));
  EXPECT_THAT(text, HasSubstr("\x1b[33mWARN\x1b[0m   R-BITS"));
  EXPECT_THAT(text, HasSubstr("\x1b[32m    1\x1b[0m"));  // R-VALID-READ's pass count
  EXPECT_THAT(checks(testing::sample_report(), true),
              HasSubstr("\x1b[32mPASS\x1b[0m   R-VALID-READ"));
}

TEST(ConsoleReport, ChecksListsEveryCheckOneLineEachInRunOrder) {
  const auto report = testing::sample_report();
  const std::string text = checks(report);
  EXPECT_EQ(static_cast<std::size_t>(std::ranges::count(text, '\n')), report.checks.size() + 1);
  EXPECT_LT(position(text,
                     "PASS   R-VALID-READ     MUST    read 40000..40001 (holding 40000): "
                     "answered with 2 registers, as asked\n"),
            position(text, "FAIL   R-GAP"));
  EXPECT_THAT(text, HasSubstr("SKIP   R-READBACK"));
  EXPECT_THAT(text, HasSubstr("EITHER R-UNIT"));
}

TEST(ConsoleReport, KnownDeviationsAreListedApartAndXpassFailsTheRun) {
  const std::string text = console(testing::sample_report_expected());
  EXPECT_THAT(text, HasSubstr("KNOWN DEVIATIONS  1 xfail, 1 xpass (--expect known.txt)"));
  EXPECT_THAT(text, HasSubstr("XFAIL  R-GAP MUST  read 40036..40037"));
  EXPECT_THAT(text, HasSubstr("(--expect line 2: vendor ticket 12)"));
  EXPECT_THAT(text, HasSubstr("XPASS  line 5: R-ENUM holding 68"));
  EXPECT_THAT(text, HasSubstr("3 fail, 1 warn"));  // the known one is not among the failures
  EXPECT_THAT(text, HasSubstr("1 xfail, 1 xpass (--expect)"));
  EXPECT_THAT(text, HasSubstr("id         mbap.transaction-id-echo"));
  // Without the xpass line, only the other failures decide.
  auto report = testing::sample_report_expected();
  report.xpass.clear();
  for (auto& check : report.checks) {
    if (check.status == models::Status::kFail || check.status == models::Status::kWarn) {
      check.known = conformance::KnownDeviation{1, "R-x", ""};
    }
  }
  EXPECT_THAT(console(report), HasSubstr("verdict: PASS, exit status 0"));
  report.xpass.push_back({3, "gap.x", ""});
  EXPECT_THAT(console(report),
              HasSubstr("verdict: FAIL (known deviations no longer seen: xpass), exit status 1"));
}

}  // namespace
}  // namespace mbh::reports
