#pragma once
// The words the console and HTML reports both use for a run's settings, a check's register,
// a register's raw values, an --expect match and why a run stopped: one wording, whatever
// the page. Plain text, not yet made safe for any output: callers pass what they show
// through printable() or xml_escaped().
#include <cstdint>
#include <string>
#include <vector>

#include "conformance/run_report.hpp"

namespace mbh::reports {

// "holding 40036", or "" for a check that concerns no register.
std::string register_text(const conformance::CheckRecord& check);

// The header's lines: "yes: SHOULD violations fail the run (--strict)", "settings only (...)",
// "all" or "R-GAP, R-UNIT (--only)", "timeout 1000 ms, no rate cap".
std::string strict_text(const conformance::RunOptionsSummary& options);
std::string writes_allowed(const conformance::RunOptionsSummary& options);
std::string rules_checked(const conformance::RunOptionsSummary& options);
std::string limits_text(const conformance::RunOptionsSummary& options);

// Raw register values: "-" for none, "5", "[16 0]".
std::string raw_values(const std::vector<std::uint16_t>& values);

// A written register's value as read, the raw registers beside: "16 bar [16 0]"; raw alone
// when it was not decoded (`text` empty) or when the two say the same ("5").
std::string value_with_registers(const std::vector<std::uint16_t>& raw, const std::string& text);

// The --expect line a known deviation matched: "--expect line 2: vendor ticket 12"; the reason
// is left out where it only repeats the check's message (as --write-expect writes it).
std::string expect_line_text(const conformance::CheckRecord& check);

// Why the run ended early or what it could not finish, one sentence each; none for a run that
// ended on its own.
std::vector<std::string> stop_sentences(const conformance::RunReport& report);

}  // namespace mbh::reports
