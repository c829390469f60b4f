#pragma once
// A run's verdict in words, beside the exit status it gives (conformance::exit_status_of):
// the last line of the console report, and the JSON report's `verdict`.
#include <string_view>

#include "conformance/run_report.hpp"

namespace mbh::reports {

// "PASS", "FAIL (MUST violations)", "FAIL (SHOULD violations under --strict)",
// "FAIL (known deviations no longer seen: xpass)",
// "UNREACHABLE", "NOT RESTORED", "INTERRUPTED".
std::string_view verdict_text(const conformance::RunReport& report);

}  // namespace mbh::reports
