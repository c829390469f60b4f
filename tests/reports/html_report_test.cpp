#include "reports/html_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "reports/safe_text.hpp"
#include "tests/reports/sample_report.hpp"
#include "tests/reports/text_position.hpp"

namespace mbh::reports {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::position;

// A string register as a hostile device fills it: markup that would run, an attribute break.
constexpr char kScript[] = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The text of the <article> whose id is check-ID.
std::string article(const std::string& html, std::string_view id) {
  const auto start = html.find("<article class=\"failure s-");
  const auto at = html.find("id=\"check-" + std::string(id) + "\"", start);
  if (at == std::string::npos) return "";
  return html.substr(at, html.find("</article>", at) - at);
}

TEST(HtmlReport, IsOneDocumentWithItsStyleInline) {
  const std::string html = html_report(testing::sample_report());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", 0),
            0U);
  EXPECT_THAT(html, HasSubstr("<style>"));
  EXPECT_THAT(html, HasSubstr("@media print"));
  EXPECT_THAT(html, HasSubstr("break-inside: avoid"));
  EXPECT_TRUE(html.ends_with("</html>\n"));
}

TEST(HtmlReport, FetchesNothingAndRunsNoScript) {
  const std::string html = lower(html_report(testing::sample_report_expected()));
  for (const char* fetch : {"http://", "https://", "src=", "url(", "@import", "<link", "<script",
                            "<img", "<iframe", "<object"}) {
    EXPECT_THAT(html, Not(HasSubstr(fetch))) << fetch;
  }
}

TEST(HtmlReport, FailuresComeFirstFailsBeforeWarnsThenTheRuleTables) {
  const std::string html = html_report(testing::sample_report());
  const auto failures = position(html, "<section id=\"failures\">");
  const auto gap = position(html, "id=\"check-gap.read-40036-40037\"");
  const auto mbap = position(html, "id=\"check-mbap.transaction-id-echo\"");
  const auto silent = position(html, "id=\"check-valid-read.read-40002-40003\"");
  const auto warn = position(html, "id=\"check-bits.bitmap-40110\"");
  const auto rules = position(html, "<section id=\"rules\">");
  EXPECT_LT(failures, gap);
  EXPECT_LT(gap, mbap);  // fails in run order
  EXPECT_LT(mbap, silent);
  EXPECT_LT(silent, warn);  // then warnings
  EXPECT_LT(warn, rules);
  EXPECT_LT(rules, position(html, "<section id=\"writes\">"));
  EXPECT_THAT(html, HasSubstr("4 fail, 1 warn; warnings do not fail the run"));
}

TEST(HtmlReport, EveryCheckIdAppearsInItsRuleTable) {
  const auto report = testing::sample_report();
  const std::string html = html_report(report);
  const std::string tables = html.substr(position(html, "<section id=\"rules\">"));
  for (const auto& check : report.checks) {
    EXPECT_THAT(tables, HasSubstr("<td>" + check.id + "</td>")) << check.id;
  }
  EXPECT_THAT(tables, HasSubstr("<section class=\"rule\" id=\"rule-R-GAP\">"));
  // A failing row links to its failure above.
  EXPECT_THAT(tables, HasSubstr("<a href=\"#check-gap.read-40036-40037\">read 40036..40037</a>"));
}

TEST(HtmlReport, AFailureShowsFramesDecodedAndInHexWithItsReproduceCommand) {
  const std::string html = html_report(testing::sample_report());
  const std::string gap = article(html, "gap.read-40036-40037");
  EXPECT_THAT(gap, HasSubstr("R-GAP MUST <span class=\"name\">read 40036..40037</span> "
                             "<small>(holding 40036)</small>"));
  EXPECT_THAT(gap, HasSubstr("expected exception 02 (illegal data address), got 2 registers"));
  EXPECT_THAT(gap, HasSubstr("ReadHoldingRegistersRequest{address=40036, quantity=2}"));
  EXPECT_THAT(gap, HasSubstr("<code class=\"hex\">00 07 00 00 00 06 E6 03 9C 64 00 02</code>"));
  EXPECT_THAT(gap, HasSubstr("<code class=\"hex\">00 07 00 00 00 07 E6 03 04 00 00 00 00</code>"));
  EXPECT_THAT(gap, HasSubstr("No byte marked: the frame decodes and answers its request"));
  EXPECT_THAT(gap,
              HasSubstr(std::string("<pre><code>") + testing::kGapReproduce + "</code></pre>"));
  const std::string silent = article(html, "valid-read.read-40002-40003");
  EXPECT_THAT(silent, HasSubstr("<dt>response</dt><dd>no response</dd>"));
}

// The sample's R-MBAP failure: the response carries transaction id 13 for the request's 12.
TEST(HtmlReport, TheBytesAtFaultAreInsideMarkWithALegend) {
  const std::string mbap =
      article(html_report(testing::sample_report()), "mbap.transaction-id-echo");
  EXPECT_THAT(mbap, HasSubstr("<code class=\"hex\"><mark title=\"transaction id 13 (0x000D); the "
                              "request&apos;s is 12 (0x000C)\">00 0D</mark> 00 00 00 05 E6 03 02 "
                              "53 75</code>"));
  EXPECT_THAT(mbap, HasSubstr("<li><mark>bytes 0-1</mark>: transaction id 13 (0x000D); the "
                              "request&apos;s is 12 (0x000C)</li>"));
  // The request is not marked.
  EXPECT_THAT(mbap, HasSubstr("<code class=\"hex\">00 0C 00 00 00 06 E6 03 9C 40 00 01</code>"));
}

TEST(HtmlReport, GarbageSaysWhereTheFrameStops) {
  const std::string function =
      article(html_report(testing::sample_report()), "function.function-0x41");
  EXPECT_THAT(function, HasSubstr("<code class=\"hex\">DE AD BE EF</code>"));
  EXPECT_THAT(
      function,
      HasSubstr("<li>from byte 4: missing: the MBAP header is 7 bytes; the frame has 4</li>"));
}

TEST(HtmlReport, LongFramesGoSixteenBytesALineWithOffsetsAndMarksDoNotCrossLines) {
  auto report = testing::sample_report();
  auto& mbap = report.checks[5];
  mbap.request = testing::frame(12, 230, codec::ReadHoldingRegistersRequest{40000, 10});
  codec::ReadHoldingRegistersResponse ten;
  for (std::uint16_t i = 0; i < 10; ++i)
    ten.values.push_back(i);
  mbap.response = testing::frame(12, 230, ten);                       // 29 bytes
  mbap.response->resize(mbap.response->size() + 5, std::byte{0xEE});  // past the length
  const std::string html = article(html_report(report), "mbap.transaction-id-echo");
  EXPECT_THAT(html, HasSubstr("<code class=\"hex\">   0  00 0C 00 00 00 17 E6 03 14 00 00 00 01 "
                              "00 02 00\n  16  03 00 04"));
  const std::string why =
      "MBAP length 23 announces 22 PDU bytes after the unit id; 27 follow (5 extra)";
  const std::string mark = "<mark title=\"" + why + "\">";
  EXPECT_THAT(
      html, HasSubstr("00 09 " + mark + "EE EE EE</mark>\n  32  " + mark + "EE EE</mark></code>"));
  EXPECT_THAT(html, HasSubstr("<li><mark>bytes 29-33</mark>: " + why));
}

TEST(HtmlReport, EscapesEveryStringFromTheDeviceTheMapAndTheCommandLine) {
  auto report = testing::sample_report_expected();
  report.map = std::string("map ") + kScript;
  report.target = std::string("target ") + kScript;
  report.version = kScript;
  report.journal = std::string("j ") + kScript;
  report.expect_file = std::string("e ") + kScript;
  report.stopped = std::string("stopped ") + kScript;
  report.sequence_note = std::string("sequence ") + kScript;
  report.checks[2].name = std::string("name ") + kScript;
  report.checks[4].message = std::string("either ") + kScript;  // the EITHER outcomes
  report.checks[1].known->reason = std::string("reason ") + kScript;
  report.xpass[0].text = std::string("xpass ") + kScript;
  report.writes[0].name = std::string("write ") + kScript;
  report.writes[1].note = std::string("note ") + kScript;
  report.checks[5].reproduce = std::string("mbharness send ") + kScript;
  const std::string html = html_report(report);
  EXPECT_THAT(lower(html), Not(HasSubstr("<script")));
  EXPECT_THAT(lower(html), Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("onerror=alert(2)>")));  // the attribute did not break out
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x"));
  // The hostile message: no terminal escape, no control byte, valid UTF-8.
  EXPECT_THAT(html, Not(HasSubstr("\x1b")));
  EXPECT_THAT(html, Not(HasSubstr(std::string(1, '\x01'))));
  EXPECT_EQ(valid_utf8(html), html);
  EXPECT_THAT(html, HasSubstr("Battery Status &lt;&amp;&quot;&apos;&gt; \\x1B[31mred\\x1B[0m "
                              "nul\\x01 bad\\xFF"));
}

TEST(HtmlReport, VerdictAndSummaryCounts) {
  auto report = testing::sample_report_restored();
  report.complete = true;
  const std::string html = html_report(report);
  EXPECT_THAT(html, HasSubstr("<p class=\"verdict fail\">Verdict: FAIL (MUST violations), exit "
                              "status 1</p>"));
  EXPECT_THAT(html, HasSubstr("<title>mbharness conform conext-bms (127.0.0.1:5020): FAIL (MUST "
                              "violations)</title>"));
  // 8 checks: 1 pass, 4 fail, 1 warn, 1 either, 1 skip; no xfail column without --expect.
  EXPECT_THAT(html, HasSubstr("<tbody><tr><td class=\"n\">8</td><td class=\"n\">1</td><td "
                              "class=\"n\">4</td><td class=\"n\">1</td><td class=\"n\">1</td><td "
                              "class=\"n\">1</td></tr></tbody>"));
  EXPECT_THAT(html, Not(HasSubstr("XFAIL")));
  EXPECT_THAT(html, HasSubstr("<dt>seed</dt><dd>42</dd>"));
  EXPECT_THAT(html, HasSubstr("<dt>started</dt><dd>2026-12-06T14:20:00Z (UTC)</dd>"));
  EXPECT_THAT(html, HasSubstr("<dt>duration</dt><dd>2.400 s</dd>"));
  EXPECT_THAT(html, HasSubstr("<dt>requests</dt><dd>120 (50.0 requests/s)</dd>"));
  EXPECT_THAT(html, HasSubstr("<dt>strict</dt><dd>no: SHOULD violations warn"));
  EXPECT_THAT(html, HasSubstr("<dt>limits</dt><dd>timeout 1000 ms, no rate cap</dd>"));

  report.checks.erase(report.checks.begin() + 1, report.checks.end());  // the pass only
  EXPECT_THAT(html_report(report),
              HasSubstr("<p class=\"verdict pass\">Verdict: PASS, exit status 0</p>"));
}

TEST(HtmlReport, KnownDeviationsShowXfailWithTheirLineAndXpass) {
  const std::string html = html_report(testing::sample_report_expected());
  const std::string known = html.substr(position(html, "<section id=\"known\">"));
  EXPECT_THAT(known, HasSubstr("1 xfail, 1 xpass (--expect known.txt)"));
  EXPECT_THAT(known, HasSubstr("<span class=\"badge s-xfail\">XFAIL</span>"));
  EXPECT_THAT(known, HasSubstr("--expect line 2: vendor ticket 12"));
  EXPECT_THAT(known, HasSubstr("<span class=\"badge s-xpass\">XPASS</span> line 5: <code>R-ENUM "
                               "holding 68</code>: matched no failure or warning"));
  // The known gap failure is not among the failures, and its row says xfail.
  EXPECT_EQ(article(html, "gap.read-40036-40037"), "");
  EXPECT_THAT(html, HasSubstr("<tr class=\"s-xfail\"><td><span class=\"badge s-xfail\">XFAIL</span>"
                              "</td><td>read 40036..40037</td>"));
  EXPECT_THAT(html, HasSubstr("<th class=\"n\">xfail</th>"));
}

TEST(HtmlReport, WritesSayWhatWasNotRestored) {
  const std::string html = html_report(testing::sample_report());
  const std::string writes = html.substr(position(html, "<section id=\"writes\">"));
  EXPECT_THAT(writes, HasSubstr("2 registers, 1 not restored"));
  EXPECT_THAT(writes, HasSubstr("<td>holding 40130</td><td>Controller Heartbeat</td><td "
                                "class=\"n\">5</td><td class=\"n\">6</td><td><span class=\"badge "
                                "s-pass\">restored</span>"));
  EXPECT_THAT(writes,
              HasSubstr("<td>holding 40131</td><td>Max Tank Pressure</td><td "
                        "class=\"n\">16 bar [16 0]</td><td class=\"n\">17 bar [17 0]</td><td><span "
                        "class=\"badge s-fail\">NOT RESTORED</span></td><td "
                        "class=\"note\">device answered exception 04 to the restoring "
                        "write</td>"));
  EXPECT_THAT(writes, HasSubstr("The device is not as the run found it."));
}

TEST(HtmlReport, APartialReportSaysSoAndAFinishedOneDoesNot) {
  auto report = testing::sample_report();
  report.journal = "ags.jsonl";
  report.complete = false;
  std::string html = html_report(report);
  EXPECT_THAT(html, HasSubstr("<body data-complete=\"false\">"));
  EXPECT_THAT(html, HasSubstr("<strong>Partial report (complete: false).</strong>"));
  EXPECT_THAT(html, HasSubstr("<code>mbharness restore ags.jsonl</code> puts back"));
  EXPECT_THAT(html, HasSubstr("Verdict so far: NOT RESTORED"));
  EXPECT_THAT(html, HasSubstr("(partial)</title>"));
  report.complete = true;
  html = html_report(report);
  EXPECT_THAT(html, Not(HasSubstr("Partial report")));
  EXPECT_THAT(html, HasSubstr("Verdict: NOT RESTORED, exit status 4"));
}

TEST(HtmlReport, SaysWhyARunStopped) {
  auto report = testing::sample_report_restored();
  report.complete = true;
  report.interrupted = true;
  report.stopped = "interrupted";
  const std::string html = html_report(report);
  EXPECT_THAT(html, HasSubstr("Verdict: INTERRUPTED, exit status 130"));
  EXPECT_THAT(html, HasSubstr("<ul class=\"stops\">\n<li>interrupted by SIGINT, SIGTERM or "
                              "SIGHUP</li>\n<li>stopped early: interrupted</li>\n</ul>"));
}

TEST(HtmlReport, ListsTheEitherOutcomesPerRule) {
  const std::string html = html_report(testing::sample_report());
  const std::string either = html.substr(position(html, "<section id=\"either\">"));
  EXPECT_THAT(either, HasSubstr("<h3>R-UNIT</h3>\n<ul>\n<li>no answer to unit 99 (allowed: no "
                                "answer, or exception 0A/0B)</li>"));
}

}  // namespace
}  // namespace mbh::reports
