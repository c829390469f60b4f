// Check ids and known deviations (--expect): ids are slugs of rule and name, unique within a
// report; the file's every line form is read and every malformed one refused with its line and
// column; matching marks fails and warns xfail, lists unmatched lines as xpass, and the exit
// status follows; --write-expect's text reads back and covers every failure it lists.
#include <gtest/gtest.h>

#include <string>

#include "conformance/check_id.hpp"
#include "conformance/known_deviations.hpp"
#include "tests/reports/sample_report.hpp"

namespace mbh::conformance {
namespace {

using models::RuleId;
using models::Status;

TEST(CheckId, RuleWithoutItsPrefixThenTheNameLowerCasedWithDashes) {
  EXPECT_EQ(check_id(RuleId::kPartialOther,
                     "'Manufacturer Name' (holding 40004): read starting "
                     "inside"),
            "partial-other.manufacturer-name-holding-40004-read-starting-inside");
  EXPECT_EQ(check_id(RuleId::kValidRead, "read 40000..40001"), "valid-read.read-40000-40001");
  EXPECT_EQ(check_id(RuleId::kMbap, ""), "mbap");
  EXPECT_EQ(check_id(RuleId::kRange, "'Temperature (°C)' #2"), "range.temperature-c-2");
}

TEST(CheckId, NeverASpaceAHashOrAnUpperCaseRulePrefix) {
  for (std::size_t i = 0; i < models::kRuleCount; ++i) {
    const std::string id = check_id(static_cast<RuleId>(i), " R-GAP #x\t\"y\" ");
    SCOPED_TRACE(id);
    EXPECT_EQ(id.find_first_of(" \t#"), std::string::npos);
    EXPECT_FALSE(id.starts_with("R-"));
    EXPECT_FALSE(id.ends_with("-"));
  }
}

TEST(CheckIds, ARepeatedNameGetsASuffixInRunOrderOnIdAndName) {
  CheckIds ids;
  EXPECT_EQ(ids.take(RuleId::kReadback, "write staged"),
            std::make_pair(std::string("readback.write-staged"), std::string("write staged")));
  EXPECT_EQ(
      ids.take(RuleId::kReadback, "write staged"),
      std::make_pair(std::string("readback.write-staged~2"), std::string("write staged (2)")));
  EXPECT_EQ(ids.take(RuleId::kConfig, "write staged").first, "config.write-staged");
  // Names that differ only in what an id drops still get ids of their own.
  EXPECT_EQ(ids.take(RuleId::kReadback, "write, staged").first, "readback.write-staged~3");
}

KnownDeviations parsed(std::string_view text) {
  auto result = parse_known_deviations(text);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? std::move(result).value() : KnownDeviations{};
}

TEST(KnownDeviations, ReadsRuleLinesIdLinesReasonsAndSkipsCommentsAndBlanks) {
  const auto d = parsed(
      "# vendor ticket 1234\n"
      "\n"
      "R-GAP\n"
      "R-ENUM holding 68   # firmware 2.1 reports 7\r\n"
      "   gap.read-40036-40037  #  known since 1.0 \n"
      "R-RANGE input 7500");
  ASSERT_EQ(d.lines.size(), 4U);
  const auto& gap = std::get<RuleDeviation>(d.lines[0].match);
  EXPECT_EQ(gap.rule, RuleId::kGap);
  EXPECT_FALSE(gap.space);
  EXPECT_EQ(d.lines[0].source.line, 3U);
  const auto& enum_line = std::get<RuleDeviation>(d.lines[1].match);
  EXPECT_EQ(enum_line.space, models::Space::kHolding);
  EXPECT_EQ(enum_line.address, 68);
  EXPECT_EQ(d.lines[1].source.reason, "firmware 2.1 reports 7");
  EXPECT_EQ(d.lines[1].source.text, "R-ENUM holding 68   # firmware 2.1 reports 7");
  EXPECT_EQ(std::get<IdDeviation>(d.lines[2].match).id, "gap.read-40036-40037");
  EXPECT_EQ(d.lines[2].source.reason, "known since 1.0");
  EXPECT_EQ(std::get<RuleDeviation>(d.lines[3].match).space, models::Space::kInput);
  EXPECT_TRUE(parsed("").lines.empty());
}

struct Refused {
  std::string_view text;
  std::size_t line;
  std::size_t column;
  const char* says;
};

TEST(KnownDeviations, EveryMalformedLineIsRefusedWithItsLineColumnAndWhatWasExpected) {
  const Refused cases[] = {
      {"R-NOPE\n", 1, 1, "unknown rule 'R-NOPE'"},
      {"\nR-GAP coils 3\n", 2, 7, "expected 'holding ADDRESS' or 'input ADDRESS'"},
      {"R-GAP holding\n", 1, 7, "without an address"},
      {"R-GAP holding 65536\n", 1, 15, "0 to 65535"},
      {"R-GAP holding 0x10\n", 1, 15, "0 to 65535"},
      {"R-GAP holding -1\n", 1, 15, "0 to 65535"},
      {"R-GAP holding 3 because\n", 1, 17, "a reason goes after '#'"},
      {"gap.x because\n", 1, 7, "an id line holds one id"},
      {"Gap.X\n", 1, 1, "neither a rule"},
      {"r-gap holding 3\n", 1, 1, "upper case (R-GAP)"},
      {"ok.id\nbad\xff\n", 2, 1, "neither a rule"},
      {std::string_view("gap\0x\n", 6), 1, 4, "NUL"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const auto result = parse_known_deviations(c.text);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().line, c.line);
    EXPECT_EQ(result.error().column, c.column);
    EXPECT_NE(result.error().message.find(c.says), std::string::npos) << result.error().message;
  }
}

RunReport finished(RunReport report) {
  report.complete = true;
  report.writes.clear();  // a run with everything restored: only the checks decide
  for (auto& check : report.checks)
    check.id = check_id(check.rule, check.name);
  return report;
}

TEST(KnownDeviations, ARuleLineMakesItsFailuresXfailAndTheRunPasses) {
  RunReport report = finished(reports::testing::sample_report());
  ASSERT_EQ(exit_status_of(report), 1);
  apply_known_deviations(report, parsed("R-GAP # vendor knows\nR-MBAP\nR-FUNCTION\n"
                                        "R-VALID-READ holding 40002\n"));
  for (const auto& check : report.checks) {
    SCOPED_TRACE(check.name);
    const bool failing = check.status == Status::kFail;
    EXPECT_EQ(check.known.has_value(), failing);
    EXPECT_EQ(status_text(check), failing ? "xfail" : models::status_name(check.status));
  }
  EXPECT_EQ(report.checks[1].known->reason, "vendor knows");
  EXPECT_EQ(report.checks[1].known->line, 1U);
  EXPECT_TRUE(report.xpass.empty());
  const Summary s = summarise(report);
  EXPECT_EQ(s.fail, 0U);
  EXPECT_EQ(s.xfail, 4U);
  EXPECT_EQ(exit_status_of(report), 0);
}

TEST(KnownDeviations, AnAddressMatchesAnyRegisterTheCheckedRequestCovers) {
  RunReport report = finished(reports::testing::sample_report());
  // The gap check reads 40036..40037; its address is 40036.
  apply_known_deviations(report, parsed("R-GAP holding 40037\n"));
  EXPECT_TRUE(report.checks[1].known);
  apply_known_deviations(report, parsed("R-GAP holding 40038\nR-GAP input 40036\n"));
  EXPECT_FALSE(report.checks[1].known);
  ASSERT_EQ(report.xpass.size(), 2U);
  EXPECT_EQ(report.xpass[0].line, 1U);
  EXPECT_EQ(report.xpass[1].text, "R-GAP input 40036");
}

TEST(KnownDeviations, AnIdLineMatchesThatCheckOnlyAndAWarnToo) {
  RunReport report = finished(reports::testing::sample_report());
  report.options.strict = true;
  const std::string gap = report.checks[1].id;
  const std::string bits = report.checks[2].id;
  apply_known_deviations(report, parsed(gap + "\n" + bits + "\n"));
  EXPECT_TRUE(report.checks[1].known);
  EXPECT_TRUE(report.checks[2].known);
  EXPECT_FALSE(report.checks[5].known);  // another R-... fail
  EXPECT_EQ(exit_status_of(report), 1);  // the others still fail
}

TEST(KnownDeviations, ALineThatMatchesNothingIsXpassAndFailsTheRun) {
  RunReport report = finished(reports::testing::sample_report());
  apply_known_deviations(report, parsed("R-GAP\nR-MBAP\nR-FUNCTION\nR-VALID-READ\n"
                                        "R-ENUM holding 68 # fixed in 2.2?\nno.such-check\n"));
  ASSERT_EQ(report.xpass.size(), 2U);
  EXPECT_EQ(report.xpass[0].line, 5U);
  EXPECT_EQ(report.xpass[1].text, "no.such-check");
  EXPECT_EQ(summarise(report).xpass, 2U);
  EXPECT_EQ(exit_status_of(report), 1);
  // Applying again (each partial report does) gives the same, not twice as many.
  apply_known_deviations(report, parsed("R-GAP\nR-MBAP\nR-FUNCTION\nR-VALID-READ\nno.such\n"));
  EXPECT_EQ(report.xpass.size(), 1U);
}

TEST(KnownDeviations, NoXpassBeforeTheEndNorForARuleTheRunDidNotCheck) {
  RunReport report = finished(reports::testing::sample_report());
  report.complete = false;  // a report written while the run goes on
  apply_known_deviations(report, parsed("R-ENUM\n"));
  EXPECT_TRUE(report.xpass.empty());
  report.complete = true;
  report.interrupted = true;
  apply_known_deviations(report, parsed("R-ENUM\n"));
  EXPECT_TRUE(report.xpass.empty());
  report.interrupted = false;
  report.options.only = {RuleId::kGap};
  apply_known_deviations(report, parsed("R-ENUM\nR-GAP holding 1\n"));
  ASSERT_EQ(report.xpass.size(), 1U);
  EXPECT_EQ(report.xpass[0].text, "R-GAP holding 1");
}

TEST(KnownDeviations, WrittenFileReadsBackAndExpectsEveryFailureAndWarning) {
  RunReport report = finished(reports::testing::sample_report());
  report.options.strict = true;
  const std::string text = known_deviations_text(report);
  EXPECT_NE(text.find("conext-bms"), std::string::npos);
  const auto file = parsed(text);
  ASSERT_EQ(file.lines.size(), 5U);  // 4 fails and a warn
  for (const auto& line : file.lines) {
    EXPECT_TRUE(std::holds_alternative<IdDeviation>(line.match));
    EXPECT_FALSE(line.source.reason.empty());
  }
  EXPECT_NE(file.lines[0].source.reason.find("R-GAP MUST holding 40036: expected exception 02"),
            std::string::npos)
      << file.lines[0].source.reason;
  apply_known_deviations(report, file);
  EXPECT_TRUE(report.xpass.empty());
  EXPECT_EQ(exit_status_of(report), 0);
  EXPECT_NE(known_deviations_text(RunReport{}).find("nothing to expect"), std::string::npos);
}

}  // namespace
}  // namespace mbh::conformance
