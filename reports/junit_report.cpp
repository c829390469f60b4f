#include "reports/junit_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/exchange/frame_hex.hpp"
#include "models/expectation.hpp"
#include "models/model_text.hpp"
#include "models/rule_table.hpp"
#include "reports/frame_text.hpp"
#include "reports/report_file.hpp"
#include "reports/safe_text.hpp"

namespace mbh::reports {
namespace {

using conformance::CheckRecord;
using conformance::RunReport;
using models::Status;

std::string seconds(std::chrono::microseconds elapsed) {
  return fmt::format("{:.6f}", static_cast<double>(elapsed.count()) / 1e6);
}

// One <testcase>, its outcome already rendered.
struct TestCase {
  std::string classname;
  std::string name;
  std::chrono::microseconds time{0};
  std::string outcome;  // the child elements, or "" for a plain pass
  bool failure = false;
  bool error = false;
  bool skipped = false;
};

TestCase make_case(std::string classname, std::string name, std::chrono::microseconds time) {
  TestCase test;
  test.classname = std::move(classname);
  test.name = std::move(name);
  test.time = time;
  return test;
}

struct TestSuite {
  std::string name;
  std::vector<TestCase> cases;
};

std::string register_line(const CheckRecord& check) {
  if (!check.address) return "";
  const std::string_view space = check.space ? models::space_name(*check.space) : "register";
  return fmt::format("register: {} {}\n", space, *check.address);
}

// What a failing check's body holds: enough to see and reproduce it without the JSON.
std::string failure_body(const CheckRecord& check) {
  std::string body = xml_escaped(fmt::format("{} {}: {}", models::rule_name(check.rule),
                                             models::level_name(check.level), check.message)) +
                     "\n" + register_line(check) + "id: " + xml_escaped(check.id) + "\n";
  if (check.request.empty()) {
    body += "request:   none sent\n";
  } else {
    body += "request:   " + exchange::hex_spaced(check.request) + "\n";
    body += "           " + xml_escaped(describe_request(check.request)) + "\n";
  }
  if (check.response) {
    body += "response:  " + exchange::hex_spaced(*check.response) + "\n";
    body += "           " + xml_escaped(describe_response(*check.response, check.request)) + "\n";
  } else {
    body += "response:  none\n";
  }
  body += "reproduce: " + xml_escaped(check.reproduce) + "\n";
  return body;
}

TestCase check_case(const RunReport& report, const CheckRecord& check) {
  TestCase test =
      make_case(fmt::format("mbharness.{}.{}", report.map, models::rule_name(check.rule)),
                check.name, check.elapsed);
  const std::string message = xml_escaped(check.message);
  if (check.known) {
    // A known deviation: skipped with the file's reason, as xfail is in pytest's JUnit.
    test.skipped = true;
    test.outcome = fmt::format(
        "<skipped message=\"known deviation ({} {}, --expect line {}{}): {}\"/>",
        models::rule_name(check.rule), models::status_name(check.status), check.known->line,
        check.known->reason.empty() ? "" : ": " + xml_escaped(check.known->reason), message);
    return test;
  }
  const auto failure = [&] {
    test.failure = true;
    test.outcome = fmt::format("<failure message=\"{}\" type=\"{}\">{}</failure>", message,
                               models::level_name(check.level), failure_body(check));
  };
  switch (check.status) {
    case Status::kPass:
      break;
    case Status::kFail:
      failure();
      break;
    case Status::kWarn:
      if (report.options.strict) {
        failure();
      } else {
        test.outcome = fmt::format(
            "<system-out>warning ({} {}, fails only under --strict): {}\n{}</system-out>",
            models::rule_name(check.rule), models::level_name(check.level), message,
            failure_body(check));
      }
      break;
    case Status::kSkip:
      test.skipped = true;
      test.outcome = fmt::format("<skipped message=\"{}\"/>", message);
      break;
    case Status::kEither:
      test.outcome = fmt::format("<system-out>outcome the device chose: {}</system-out>", message);
      break;
  }
  return test;
}

std::vector<TestSuite> rule_suites(const RunReport& report) {
  std::vector<TestSuite> suites;
  for (std::size_t i = 0; i < models::kRuleCount; ++i) {
    const auto rule = static_cast<models::RuleId>(i);
    TestSuite suite{std::string(models::rule_name(rule)), {}};
    for (const auto& check : report.checks) {
      if (check.rule == rule) suite.cases.push_back(check_case(report, check));
    }
    if (!suite.cases.empty()) suites.push_back(std::move(suite));
  }
  return suites;
}

TestSuite writes_suite(const RunReport& report) {
  TestSuite suite{"writes", {}};
  for (const auto& write : report.writes) {
    TestCase test = make_case(
        fmt::format("mbharness.{}.writes", report.map),
        fmt::format("restore {} {} {}", models::space_name(write.space), write.address, write.name),
        std::chrono::microseconds{0});
    if (!write.restored) {
      test.failure = true;
      test.outcome = fmt::format(
          "<failure message=\"not restored: {}\" type=\"NOT RESTORED\">original {}, written "
          "{}</failure>",
          xml_escaped(write.note), fmt::join(write.original, " "), fmt::join(write.written, " "));
    } else if (!write.note.empty()) {
      test.outcome = fmt::format("<system-out>{}</system-out>", xml_escaped(write.note));
    }
    suite.cases.push_back(std::move(test));
  }
  return suite;
}

// The --expect lines that matched no failure: each fails, so that the file gets updated.
TestSuite xpass_suite(const RunReport& report) {
  TestSuite suite{"known deviations", {}};
  for (const auto& line : report.xpass) {
    TestCase test =
        make_case(fmt::format("mbharness.{}.expect", report.map),
                  fmt::format("line {}: {}", line.line, line.text), std::chrono::microseconds{0});
    test.failure = true;
    test.outcome = fmt::format(
        "<failure message=\"xpass: {} matched no failure or warning\" type=\"XPASS\">the device "
        "conforms there now; remove line {} from {}</failure>",
        xml_escaped(line.text), line.line, xml_escaped(report.expect_file));
    suite.cases.push_back(std::move(test));
  }
  return suite;
}

// Why the run ended early, or "" when it ran to the end.
std::string stop_reason(const RunReport& report) {
  std::string why;
  const auto add = [&why](std::string_view part) {
    why += (why.empty() ? "" : "; ") + std::string(part);
  };
  if (report.unreachable) add("the target could not be reached, or the connection broke first");
  if (report.interrupted) add("interrupted by SIGINT or SIGTERM");
  if (report.stopped) add(*report.stopped);
  return why;
}

TestSuite run_suite(const RunReport& report, const std::string& why) {
  const std::string_view type = report.unreachable   ? "UNREACHABLE"
                                : report.interrupted ? "INTERRUPTED"
                                                     : "STOPPED";
  TestCase test = make_case(fmt::format("mbharness.{}.run", report.map), "run", report.duration);
  test.error = true;
  test.outcome = fmt::format("<error message=\"{}\" type=\"{}\">{} requests sent</error>",
                             xml_escaped(why), type, report.requests_sent);
  return TestSuite{"run", {std::move(test)}};
}

struct Counts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  std::chrono::microseconds time{0};
};

Counts count(const TestSuite& suite) {
  Counts c;
  for (const auto& test : suite.cases) {
    ++c.tests;
    c.failures += test.failure ? 1 : 0;
    c.errors += test.error ? 1 : 0;
    c.skipped += test.skipped ? 1 : 0;
    c.time += test.time;
  }
  return c;
}

// Jenkins' junit-10.xsd allows `skipped` on <testsuite> but not on <testsuites>.
std::string suites_attributes(const Counts& c, std::chrono::microseconds time) {
  return fmt::format(R"(tests="{}" failures="{}" errors="{}" time="{}")", c.tests, c.failures,
                     c.errors, seconds(time));
}

std::string suite_attributes(const Counts& c, std::chrono::microseconds time) {
  return fmt::format(R"(tests="{}" failures="{}" errors="{}" skipped="{}" time="{}")", c.tests,
                     c.failures, c.errors, c.skipped, seconds(time));
}

// The run's start as the suite's `timestamp`: xs:dateTime without the zone ("Z"), the form
// every JUnit reader takes ("2026-12-06T14:20:00"); nothing when the start is unknown.
std::string timestamp_attribute(const RunReport& report) {
  if (report.started.empty()) return "";
  std::string_view started = report.started;
  if (started.ends_with('Z')) started.remove_suffix(1);
  return fmt::format(R"( timestamp="{}")", xml_escaped(started));
}

std::string properties(const RunReport& report) {
  std::string out = "    <properties>\n";
  const auto add = [&out](std::string_view name, const std::string& value) {
    out += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", name, xml_escaped(value));
  };
  add("version", report.version);
  add("target", report.target);
  add("unit", std::to_string(report.unit));
  add("seed", std::to_string(report.seed));
  add("strict", report.options.strict ? "true" : "false");
  return out + "    </properties>\n";
}

}  // namespace

std::string junit_report(const RunReport& report) {
  std::vector<TestSuite> suites = rule_suites(report);
  if (!report.writes.empty()) suites.push_back(writes_suite(report));
  if (!report.xpass.empty()) suites.push_back(xpass_suite(report));
  if (const std::string why = stop_reason(report); !why.empty()) {
    suites.push_back(run_suite(report, why));
  }

  Counts total;
  std::string body;
  for (const auto& suite : suites) {
    const Counts c = count(suite);
    total.tests += c.tests;
    total.failures += c.failures;
    total.errors += c.errors;
    body += fmt::format("  <testsuite name=\"{}\" {}{}>\n", xml_escaped(suite.name),
                        suite_attributes(c, c.time), timestamp_attribute(report));
    body += properties(report);
    for (const auto& test : suite.cases) {
      const std::string open =
          fmt::format(R"(    <testcase classname="{}" name="{}" time="{}")",
                      xml_escaped(test.classname), xml_escaped(test.name), seconds(test.time));
      body += test.outcome.empty()
                  ? open + "/>\n"
                  : fmt::format("{}>\n      {}\n    </testcase>\n", open, test.outcome);
    }
    body += "  </testsuite>\n";
  }

  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"{}\" {}>\n{}</testsuites>\n",
      xml_escaped("mbharness conform " + report.map), suites_attributes(total, report.duration),
      body);
}

void write_junit_report(const RunReport& report, const std::string& path) {
  write_report_file(path, junit_report(report));
}

}  // namespace mbh::reports
