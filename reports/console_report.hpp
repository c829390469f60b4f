#pragma once
// The run for a commissioning engineer's terminal: what was checked against what, the
// failures first (fail, then warn) with everything needed to see and reproduce each, then
// the counts per rule, the EITHER outcomes the device chose, the writes and whether each was
// restored, and the verdict with its exit status. Passing checks are only counted.
// Text from the run is shown through printable(): a device's bytes in a message cannot
// reach the terminal as escape sequences. ANSI colour (red fail, yellow warn, green pass)
// only when `colour` is true.
#include <ostream>

#include "conformance/run_report.hpp"

namespace mbh::reports {

void write_console_report(const conformance::RunReport& report, std::ostream& out, bool colour);

// The same in two parts: the header (what the run is asked to do), printed before the first
// request, and the rest once the run ended.
void write_console_header(const conformance::RunReport& report, std::ostream& out, bool colour);
void write_console_results(const conformance::RunReport& report, std::ostream& out, bool colour);

// Every check, one line each, in the order the run made them (for --verbose).
void write_console_checks(const conformance::RunReport& report, std::ostream& out, bool colour);

}  // namespace mbh::reports
