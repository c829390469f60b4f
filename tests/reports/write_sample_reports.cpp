// Writes the sample run's reports into a directory, for the ctest checks that read them with
// other tools (an XML parser, xmllint): sample-junit.xml (the sample run),
// sample-junit-stopped.xml (the same, strict and stopped early), sample-junit-expect.xml (under
// --expect: an xfail and an xpass), sample.json, and the HTML pages sample.html (partial),
// sample-expect.html and sample-stopped.html.
#include <cstdio>
#include <exception>
#include <string>

#include "reports/html_report.hpp"
#include "reports/json_report.hpp"
#include "reports/junit_report.hpp"
#include "tests/reports/sample_report.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  try {
    auto report = mbh::reports::testing::sample_report();
    mbh::reports::write_junit_report(report, dir + "/sample-junit.xml");
    mbh::reports::write_json_report(report, dir + "/sample.json");
    mbh::reports::write_html_report(report, dir + "/sample.html");
    const auto expected = mbh::reports::testing::sample_report_expected();
    mbh::reports::write_junit_report(expected, dir + "/sample-junit-expect.xml");
    mbh::reports::write_html_report(expected, dir + "/sample-expect.html");
    report.options.strict = true;
    report.stopped = "connection reset by peer <after 120 requests>";
    mbh::reports::write_junit_report(report, dir + "/sample-junit-stopped.xml");
    mbh::reports::write_html_report(report, dir + "/sample-stopped.html");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s\n", error.what());
    return 1;
  }
  return 0;
}
