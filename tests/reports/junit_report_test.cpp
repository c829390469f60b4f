#include "reports/junit_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tests/reports/sample_report.hpp"

namespace mbh::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::size_t occurrences(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

std::string suite_tag(std::string_view rule) {
  return "<testsuite name=\"" + std::string(rule) + "\" ";
}

TEST(JunitReport, StartsWithTheDeclarationAndTotals) {
  const std::string xml = junit_report(testing::sample_report());
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0U);
  // 8 checks and 2 writes; 4 fails and a write not restored; the warn passes unless strict.
  // No `skipped` on <testsuites>: Jenkins' junit-10.xsd refuses it there.
  EXPECT_THAT(xml, HasSubstr("<testsuites name=\"mbharness conform conext-bms\" tests=\"10\" "
                             "failures=\"5\" errors=\"0\" time=\"2.400000\">"));
}

TEST(JunitReport, OneSuitePerRuleWithChecksInRulesMdOrder) {
  const std::string xml = junit_report(testing::sample_report());
  EXPECT_EQ(occurrences(xml, "<testsuite "), 8U);  // 7 rules and the writes
  EXPECT_EQ(occurrences(xml, "<testcase "), 10U);
  std::size_t last = 0;
  for (const char* rule :
       {"R-VALID-READ", "R-GAP", "R-FUNCTION", "R-MBAP", "R-UNIT", "R-BITS", "R-READBACK"}) {
    const auto at = xml.find(suite_tag(rule));
    ASSERT_NE(at, std::string::npos) << rule;
    EXPECT_GT(at, last) << rule;
    last = at;
  }
  EXPECT_THAT(xml, HasSubstr("<testsuite name=\"R-VALID-READ\" tests=\"2\" failures=\"1\" "
                             "errors=\"0\" skipped=\"0\" time=\"0.003000\" "
                             "timestamp=\"2026-12-06T14:20:00\">"));
  EXPECT_THAT(xml, HasSubstr("<testcase classname=\"mbharness.conext-bms.R-GAP\" "
                             "name=\"read 40036..40037\" time=\"0.001500\">"));
}

TEST(JunitReport, EverySuiteCarriesTheRunStartAsTimestampWithoutZone) {
  auto report = testing::sample_report();
  report.stopped = "connection reset by peer";  // the run suite too
  std::string xml = junit_report(report);
  EXPECT_EQ(occurrences(xml, " timestamp=\"2026-12-06T14:20:00\">"), 9U);
  EXPECT_THAT(xml, Not(HasSubstr("14:20:00Z")));
  report.started.clear();
  xml = junit_report(report);
  EXPECT_THAT(xml, Not(HasSubstr("timestamp=")));
}

TEST(JunitReport, FailureCarriesLevelFramesAndReproduce) {
  const std::string xml = junit_report(testing::sample_report());
  EXPECT_EQ(occurrences(xml, "<failure "), 5U);
  EXPECT_THAT(xml, HasSubstr("<failure message=\"expected exception 02 (illegal data address), "
                             "got 2 registers\" type=\"MUST\">"));
  EXPECT_THAT(xml, HasSubstr("request:   00 07 00 00 00 06 E6 03 9C 64 00 02\n"));
  EXPECT_THAT(xml, HasSubstr("ReadHoldingRegistersRequest{address=40036, quantity=2}"));
  EXPECT_THAT(xml, HasSubstr("response:  00 07 00 00 00 07 E6 03 04 00 00 00 00\n"));
  EXPECT_THAT(xml, HasSubstr(std::string("reproduce: ") + testing::kGapReproduce));
  EXPECT_THAT(xml, HasSubstr("response:  none\n"));
  EXPECT_THAT(xml, HasSubstr("type=\"NOT RESTORED\""));
}

TEST(JunitReport, WarnPassesWithSystemOutUnlessStrict) {
  auto report = testing::sample_report();
  std::string xml = junit_report(report);
  EXPECT_THAT(xml, HasSubstr("<system-out>warning (R-BITS SHOULD, fails only under --strict)"));
  EXPECT_THAT(xml, Not(HasSubstr("type=\"SHOULD\"")));
  report.options.strict = true;
  xml = junit_report(report);
  EXPECT_EQ(occurrences(xml, "<failure "), 6U);
  EXPECT_THAT(xml, HasSubstr("type=\"SHOULD\""));
  EXPECT_THAT(xml, HasSubstr("failures=\"6\""));
}

TEST(JunitReport, SkipAndEitherAreRendered) {
  const std::string xml = junit_report(testing::sample_report());
  EXPECT_THAT(xml, HasSubstr("<skipped message=\"connectivity register: needs "
                             "--allow-destructive\"/>"));
  EXPECT_THAT(xml, HasSubstr("<system-out>outcome the device chose: no answer to unit 99"));
}

TEST(JunitReport, StoppedRunAddsARunErrorCase) {
  auto report = testing::sample_report();
  EXPECT_THAT(junit_report(report), Not(HasSubstr("<error ")));
  report.stopped = "connection reset by peer";
  const std::string xml = junit_report(report);
  EXPECT_EQ(occurrences(xml, "<error "), 1U);
  EXPECT_THAT(xml, HasSubstr("<testcase classname=\"mbharness.conext-bms.run\" name=\"run\""));
  EXPECT_THAT(xml, HasSubstr("<error message=\"connection reset by peer\" type=\"STOPPED\">"));
  EXPECT_THAT(xml, HasSubstr("tests=\"11\" failures=\"5\" errors=\"1\""));
  report.unreachable = true;
  EXPECT_THAT(junit_report(report), HasSubstr("type=\"UNREACHABLE\""));
}

TEST(JunitReport, HostileTextIsEscapedAndHasNoForbiddenCharacters) {
  const std::string xml = junit_report(testing::sample_report());
  EXPECT_THAT(xml, HasSubstr("Battery Status &lt;&amp;&quot;&apos;&gt; \\x1B[31mred\\x1B[0m "
                             "nul\\x01 bad\\xFF"));
  for (char c : xml) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte >= 0x20 || c == '\n') << "byte " << unsigned{byte};
  }
}

}  // namespace
}  // namespace mbh::reports
