#pragma once
// The run as JUnit XML, in the subset Jenkins and GitLab both read: <testsuites>, one
// <testsuite> per rule that has checks (RULES.md order), one <testcase> per check.
//
// How statuses map, since JUnit knows only pass, failure, error and skipped:
//   fail   -> <failure type="MUST|SHOULD|EITHER">, the body holding the frames (hex and
//             decoded) and the reproduce command;
//   warn   -> a <failure> under --strict; otherwise a pass whose <system-out> says the warning;
//   either -> a pass whose <system-out> names the outcome the device chose;
//   skip   -> <skipped>.
// Beside the rules: a `writes` suite with one testcase per register written (a failure when
// it was not restored), and, when the run stopped early, a `run` testcase with an <error>.
// Text is escaped for XML 1.0; control characters and invalid UTF-8 from a device are
// written as "\xNN" escapes, not passed through.
#include <string>

#include "conformance/run_report.hpp"

namespace mbh::reports {

std::string junit_report(const conformance::RunReport& report);

// Through write_report_file(): throws std::runtime_error naming the path when it cannot be
// written.
void write_junit_report(const conformance::RunReport& report, const std::string& path);

}  // namespace mbh::reports
