#pragma once
// The run as one self-contained HTML page, for a person to open, mail or print: the verdict
// and counts first, then the failures (unexpected fails, then warns), each with its request
// and response decoded and in hex, the bytes at fault in the response marked, expected
// against observed and the command that sends the request again; the known deviations
// (--expect); a table per rule with every check; the EITHER outcomes the device chose; the
// writes and whether each was restored; the run's parameters and time. It states the same
// facts as the console, JSON and JUnit reports, in their words.
//
// Inline CSS only: no script, no fonts, no images, nothing fetched. Every string that came
// from the device, the map or the command line is escaped (printable(), then entities), so a
// device that puts <script> in a string register shows it as text. A report written while the
// run goes on (complete: false) says so at the top.
#include <string>

#include "conformance/run_report.hpp"

namespace mbh::reports {

std::string html_report(const conformance::RunReport& report);

// Through write_report_file(): throws std::runtime_error naming the path when it cannot be
// written.
void write_html_report(const conformance::RunReport& report, const std::string& path);

}  // namespace mbh::reports
