#include "reports/json_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "harness/exchange/frame_hex.hpp"
#include "models/rule_table.hpp"
#include "tests/reports/sample_report.hpp"

namespace mbh::reports {
namespace {

using nlohmann::ordered_json;

TEST(JsonReport, HasEveryTopLevelFieldOfInterfaceMdWithItsType) {
  const ordered_json j = json_report(testing::sample_report());
  EXPECT_EQ(j.at("tool"), "mbharness");
  EXPECT_EQ(j.at("version"), "0.1.0");
  EXPECT_EQ(j.at("map"), "conext-bms");
  EXPECT_EQ(j.at("target"), "127.0.0.1:5020");
  EXPECT_EQ(j.at("unit"), 230);
  EXPECT_EQ(j.at("seed"), 42);
  EXPECT_EQ(j.at("started"), "2026-12-06T14:20:00Z");
  EXPECT_TRUE(j.at("summary").is_object());
  EXPECT_TRUE(j.at("checks").is_array());
  EXPECT_TRUE(j.at("writes").is_array());
  EXPECT_EQ(j.at("exit_status"), 4);
  EXPECT_EQ(j.at("verdict"), "NOT RESTORED");
  EXPECT_EQ(j.at("requests_sent"), 120);
  EXPECT_EQ(j.at("duration_ms"), 2400);
  EXPECT_TRUE(j.at("stopped").is_null());
  EXPECT_EQ(j.at("interrupted"), false);
  EXPECT_EQ(j.at("unreachable"), false);
  const auto& options = j.at("options");
  for (const char* flag : {"strict", "read_only", "allow_actuation", "allow_destructive"}) {
    EXPECT_TRUE(options.at(flag).is_boolean()) << flag;
  }
  EXPECT_TRUE(options.at("only").is_array());
  EXPECT_EQ(options.at("timeout_ms"), 1000);
  EXPECT_TRUE(options.at("rate").is_number());
}

TEST(JsonReport, StartedIsNullWhenUnknown) {
  auto report = testing::sample_report();
  report.started.clear();
  EXPECT_TRUE(json_report(report).at("started").is_null());
}

TEST(JsonReport, SummaryCountsMatchTheChecks) {
  const ordered_json j = json_report(testing::sample_report());
  const auto& summary = j.at("summary");
  ASSERT_EQ(summary.size(), 7U);
  for (const char* status : {"pass", "fail", "warn", "skip", "either", "xfail"}) {
    std::size_t n = 0;
    for (const auto& check : j.at("checks"))
      if (check.at("status") == status) ++n;
    EXPECT_EQ(summary.at(status), n) << status;
  }
  EXPECT_EQ(summary.at("fail"), 4);
  EXPECT_EQ(summary.at("pass"), 1);
  EXPECT_EQ(summary.at("xpass"), 0);
  EXPECT_FALSE(j.contains("xpass"));  // only under --expect
}

TEST(JsonReport, EveryCheckHasItsFieldsAndFramesExactlyWhenNotPassOrSkip) {
  const auto report = testing::sample_report();
  const ordered_json j = json_report(report);
  ASSERT_EQ(j.at("checks").size(), report.checks.size());
  const std::set<std::string> levels{"MUST", "SHOULD", "EITHER"};
  for (std::size_t i = 0; i < report.checks.size(); ++i) {
    const auto& check = j.at("checks")[i];
    const auto& record = report.checks[i];
    SCOPED_TRACE(record.name);
    EXPECT_TRUE(models::parse_rule(check.at("rule").get<std::string>()).has_value());
    EXPECT_TRUE(levels.contains(check.at("level").get<std::string>()));
    EXPECT_TRUE(check.at("status").is_string());
    EXPECT_EQ(check.at("name"), record.name);
    EXPECT_TRUE(check.at("message").is_string());
    if (record.address) {
      EXPECT_EQ(check.at("register"), *record.address);
      EXPECT_EQ(check.at("space"), "holding");
    } else {
      EXPECT_TRUE(check.at("register").is_null());
      EXPECT_TRUE(check.at("space").is_null());
    }
    const std::string status = check.at("status");
    const bool framed = status != "pass" && status != "skip";
    EXPECT_EQ(check.contains("request"), framed);
    EXPECT_EQ(check.contains("response"), framed);
    EXPECT_EQ(check.contains("reproduce"), framed);
    if (!framed) continue;
    EXPECT_EQ(check.at("request"), exchange::hex_compact(record.request));
    EXPECT_EQ(check.at("reproduce"), record.reproduce);
    if (record.response) {
      EXPECT_EQ(check.at("response"), exchange::hex_compact(*record.response));
    } else {
      EXPECT_TRUE(check.at("response").is_null());
    }
  }
}

TEST(JsonReport, EveryCheckHasItsIdAndKnownDeviationsAreXfailWithTheirLine) {
  const ordered_json plain = json_report(testing::sample_report());
  EXPECT_EQ(plain.at("checks")[1].at("id"), "gap.read-40036-40037");
  EXPECT_FALSE(plain.at("checks")[1].contains("known_deviation"));

  const ordered_json j = json_report(testing::sample_report_expected());
  const auto& gap = j.at("checks")[1];
  EXPECT_EQ(gap.at("status"), "xfail");
  EXPECT_EQ(gap.at("oracle_status"), "fail");
  EXPECT_EQ(gap.at("known_deviation").at("line"), 2);
  EXPECT_EQ(gap.at("known_deviation").at("reason"), "vendor ticket 12");
  EXPECT_TRUE(gap.contains("request"));  // an xfail still shows what was sent and came
  EXPECT_EQ(j.at("summary").at("xfail"), 1);
  EXPECT_EQ(j.at("summary").at("fail"), 3);
  EXPECT_EQ(j.at("summary").at("xpass"), 1);
  EXPECT_EQ(j.at("expect"), "known.txt");
  ASSERT_EQ(j.at("xpass").size(), 1U);
  EXPECT_EQ(j.at("xpass")[0].at("line"), 5);
  EXPECT_EQ(j.at("xpass")[0].at("text"), "R-ENUM holding 68");
}

TEST(JsonReport, FramesAreUppercaseHexWithoutSpaces) {
  const ordered_json j = json_report(testing::sample_report());
  const auto& gap = j.at("checks")[1];
  EXPECT_EQ(gap.at("rule"), "R-GAP");
  EXPECT_EQ(gap.at("level"), "MUST");
  EXPECT_EQ(gap.at("status"), "fail");
  EXPECT_EQ(gap.at("request"), "000700000006E6039C640002");
  EXPECT_EQ(gap.at("response"),
            "000700000007E60304000000"
            "00");
  EXPECT_EQ(gap.at("reproduce"), testing::kGapReproduce);
}

TEST(JsonReport, WritesCarryOriginalWrittenAndRestored) {
  const ordered_json j = json_report(testing::sample_report());
  ASSERT_EQ(j.at("writes").size(), 2U);
  const auto& lost = j.at("writes")[1];
  EXPECT_EQ(lost.at("space"), "holding");
  EXPECT_EQ(lost.at("address"), 40131);
  EXPECT_EQ(lost.at("name"), "Max Tank Pressure");
  EXPECT_EQ(lost.at("original"), ordered_json({16, 0}));
  EXPECT_EQ(lost.at("written"), ordered_json({17, 0}));
  EXPECT_EQ(lost.at("restored"), false);
  EXPECT_THAT(lost.at("note").get<std::string>(), ::testing::HasSubstr("exception 04"));
  EXPECT_EQ(j.at("writes")[0].at("restored"), true);
}

TEST(JsonReport, HostileMessageDumpsAsValidJson) {
  const ordered_json j = json_report(testing::sample_report());
  const std::string text = j.dump();  // throws on invalid UTF-8 with the default handler
  const auto parsed = nlohmann::json::parse(text);
  const std::string message = parsed.at("checks")[2].at("message");
  EXPECT_THAT(message, ::testing::HasSubstr("<&\"'>"));
  EXPECT_THAT(message, ::testing::HasSubstr("\x1b[31m"));
  EXPECT_THAT(message, ::testing::HasSubstr("bad\\xFF"));
}

TEST(JsonReport, StoppedRunsSayWhy) {
  auto report = testing::sample_report_restored();
  report.stopped = "connection reset by peer";
  report.interrupted = true;
  report.options.strict = true;
  report.options.only = {models::RuleId::kGap, models::RuleId::kUnit};
  const ordered_json j = json_report(report);
  EXPECT_EQ(j.at("stopped"), "connection reset by peer");
  EXPECT_EQ(j.at("interrupted"), true);
  EXPECT_EQ(j.at("exit_status"), 130);
  EXPECT_EQ(j.at("options").at("strict"), true);
  EXPECT_EQ(j.at("options").at("only"), ordered_json({"R-GAP", "R-UNIT"}));
}

TEST(JsonReport, WriteJsonReportWritesParsableFile) {
  const auto path = std::filesystem::temp_directory_path() / "mbh-json-report-test.json";
  write_json_report(testing::sample_report(), path.string());
  std::ifstream in(path);
  const auto parsed = nlohmann::json::parse(in);
  EXPECT_EQ(parsed.at("checks").size(), testing::sample_report().checks.size());
  std::filesystem::remove(path);
  EXPECT_THROW(write_json_report(testing::sample_report(), "/nonexistent-dir/report.json"),
               std::runtime_error);
}

}  // namespace
}  // namespace mbh::reports
