#include "reports/console_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "harness/exchange/frame_hex.hpp"
#include "models/expectation.hpp"
#include "models/model_text.hpp"
#include "models/rule_table.hpp"
#include "reports/frame_text.hpp"
#include "reports/rule_tally.hpp"
#include "reports/run_phrases.hpp"
#include "reports/run_verdict.hpp"
#include "reports/safe_text.hpp"

namespace mbh::reports {
namespace {

using conformance::CheckRecord;
using conformance::RunReport;
using models::Status;

// Distinct EITHER outcomes shown per rule before "... and N more".
constexpr std::size_t kEitherLinesPerRule = 5;

enum class Colour { kRed, kYellow, kGreen, kBold };

class Palette {
 public:
  explicit Palette(bool on) : on_(on) {}
  std::string paint(std::string_view text, Colour colour) const {
    if (!on_) return std::string(text);
    static constexpr std::array<std::string_view, 4> kCodes{"\x1b[31m", "\x1b[33m", "\x1b[32m",
                                                            "\x1b[1m"};
    return fmt::format("{}{}\x1b[0m", kCodes[static_cast<std::size_t>(colour)], text);
  }
  // The status in a 7-column field ("EITHER" and a space), coloured without its padding.
  std::string status(Status status) const {
    const std::string_view label = status_label(status);
    const std::string padding(7 - label.size(), ' ');
    switch (status) {
      case Status::kFail:
        return paint(label, Colour::kRed) + padding;
      case Status::kWarn:
        return paint(label, Colour::kYellow) + padding;
      case Status::kPass:
        return paint(label, Colour::kGreen) + padding;
      case Status::kSkip:
      case Status::kEither:
        break;
    }
    return std::string(label) + padding;
  }
  // A check's status: XFAIL for a known deviation, in the same 7 columns.
  std::string status(const CheckRecord& check) const {
    if (!check.known) return status(check.status);
    return paint("XFAIL", Colour::kYellow) + "  ";
  }
  std::string heading(std::string_view text) const { return paint(text, Colour::kBold); }
  // A count in its column, coloured only when it is not zero.
  std::string count(std::size_t n, int width, Colour colour) const {
    const std::string text = fmt::format("{:>{}}", n, width);
    return n == 0 ? text : paint(text, colour);
  }

  static std::string_view status_label(Status status) {
    switch (status) {
      case Status::kPass:
        return "PASS";
      case Status::kFail:
        return "FAIL";
      case Status::kWarn:
        return "WARN";
      case Status::kSkip:
        return "SKIP";
      case Status::kEither:
        return "EITHER";
    }
    return "?";
  }

 private:
  bool on_;
};

void write_header(const RunReport& report, std::ostream& out, const Palette& palette) {
  const auto& options = report.options;
  out << palette.heading(fmt::format("mbharness {} conform", printable(report.version))) << '\n';
  out << fmt::format("  map      {}, unit {}\n", printable(report.map), report.unit);
  out << fmt::format("  target   {}\n", printable(report.target));
  out << fmt::format("  seed     {}\n", report.seed);
  if (!report.started.empty()) out << fmt::format("  started  {}\n", printable(report.started));
  out << fmt::format("  strict   {}\n", strict_text(options));
  out << fmt::format("  writes   {}\n", writes_allowed(options));
  out << fmt::format("  rules    {}\n", rules_checked(options));
  out << fmt::format("  limits   {}\n", limits_text(options));
}

void write_failure(const CheckRecord& check, std::ostream& out, const Palette& palette) {
  const std::string where = register_text(check);
  out << fmt::format("\n{}{} {}  {}{}\n", palette.status(check.status),
                     models::rule_name(check.rule), models::level_name(check.level),
                     printable(check.name), where.empty() ? "" : "  (" + where + ")");
  out << fmt::format("      {}\n", printable(check.message));
  out << fmt::format("      id         {}\n", printable(check.id));
  out << fmt::format("      request    {}\n", describe_request(check.request));
  if (!check.request.empty())
    out << fmt::format("                 {}\n", exchange::hex_spaced(check.request));
  if (check.response) {
    out << fmt::format("      response   {}\n", describe_response(*check.response, check.request));
    out << fmt::format("                 {}\n", exchange::hex_spaced(*check.response));
  } else {
    out << "      response   no response\n";
  }
  out << fmt::format("      reproduce  {}\n",
                     check.reproduce.empty() ? "(none)" : printable(check.reproduce));
}

void write_failures(const RunReport& report, std::ostream& out, const Palette& palette) {
  const conformance::Summary summary = conformance::summarise(report);
  out << '\n' << palette.heading("FAILURES");
  if (summary.fail == 0 && summary.warn == 0) {
    out << "  none\n";
    return;
  }
  out << fmt::format("  {} fail, {} warn; {}\n", summary.fail, summary.warn,
                     report.options.strict
                         ? "under --strict a warning counts as failing"
                         : "warnings do not fail the run (they would under --strict)");
  for (Status status : {Status::kFail, Status::kWarn}) {
    for (const auto& check : report.checks) {
      if (conformance::unexpected(check, status)) write_failure(check, out, palette);
    }
  }
}

void write_known_deviations(const RunReport& report, std::ostream& out, const Palette& palette) {
  if (report.expect_file.empty()) return;
  const conformance::Summary summary = conformance::summarise(report);
  out << '\n'
      << palette.heading("KNOWN DEVIATIONS")
      << fmt::format("  {} xfail, {} xpass (--expect {})\n", summary.xfail, summary.xpass,
                     printable(report.expect_file));
  for (const auto& check : report.checks) {
    if (!check.known) continue;
    const std::string where = register_text(check);
    out << fmt::format("  {}{} {}  {}{}\n", palette.status(check), models::rule_name(check.rule),
                       models::level_name(check.level), printable(check.name),
                       where.empty() ? "" : "  (" + where + ")");
    out << fmt::format("         {} ({})\n", printable(check.message),
                       printable(expect_line_text(check)));
  }
  for (const auto& line : report.xpass) {
    out << fmt::format("  {}  line {}: {}\n", palette.paint("XPASS", Colour::kRed), line.line,
                       printable(line.text));
    out << "         matched no failure or warning: the device conforms there now; remove the "
           "line (this fails the run)\n";
  }
}

void write_rule_table(const RunReport& report, std::ostream& out, const Palette& palette) {
  out << '\n' << palette.heading("RULES") << '\n';
  const bool xfail = conformance::summarise(report).xfail > 0;
  out << fmt::format("  {:<16} {:<18} {:>5} {:>5} {:>5} {:>6} {:>5}{}\n", "rule", "level", "pass",
                     "fail", "warn", "either", "skip", xfail ? "  xfail" : "");
  for (const RuleTally& tally : rule_tallies(report)) {
    out << fmt::format("  {:<16} {:<18} {} {} {} {:>6} {:>5}{}\n", models::rule_name(tally.rule),
                       tally.levels, palette.count(tally.count(Status::kPass), 5, Colour::kGreen),
                       palette.count(tally.count(Status::kFail), 5, Colour::kRed),
                       palette.count(tally.count(Status::kWarn), 5, Colour::kYellow),
                       tally.count(Status::kEither), tally.count(Status::kSkip),
                       xfail ? fmt::format(" {:>6}", tally.xfail) : std::string());
  }
}

void write_either_outcomes(const RunReport& report, std::ostream& out, const Palette& palette) {
  const auto rules = either_outcomes(report);
  if (rules.empty()) return;
  out << '\n'
      << palette.heading("EITHER OUTCOMES") << "  allowed by the rules; what the device chose\n";
  for (const auto& rule : rules) {
    out << fmt::format("  {}\n", models::rule_name(rule.rule));
    const auto& outcomes = rule.outcomes;
    for (std::size_t m = 0; m < outcomes.size() && m < kEitherLinesPerRule; ++m) {
      out << fmt::format(
          "    {}{}\n", printable(outcomes[m].message),
          outcomes[m].checks > 1 ? fmt::format(" ({} checks)", outcomes[m].checks) : std::string());
    }
    if (outcomes.size() > kEitherLinesPerRule) {
      out << fmt::format("    ... and {} more\n", outcomes.size() - kEitherLinesPerRule);
    }
  }
}

void write_writes(const RunReport& report, std::ostream& out, const Palette& palette) {
  if (report.writes.empty() && report.sequence_note.empty()) return;
  const auto not_restored = std::ranges::count_if(
      report.writes, [](const conformance::WriteRecord& w) { return !w.restored; });
  out << '\n'
      << palette.heading("WRITES")
      << fmt::format("  {} registers, {} not restored\n", report.writes.size(), not_restored);
  for (const auto& write : report.writes) {
    const std::string note = write.note.empty() ? "" : ": " + printable(write.note);
    out << fmt::format("  {} {}  {}: {} -> {}; {}{}\n", models::space_name(write.space),
                       write.address, printable(write.name),
                       printable(value_with_registers(write.original, write.original_text)),
                       printable(value_with_registers(write.written, write.written_text)),
                       write.restored ? palette.paint("restored", Colour::kGreen)
                                      : palette.paint("NOT RESTORED", Colour::kRed),
                       note);
  }
  if (!report.sequence_note.empty()) {
    out << fmt::format("  {}\n", printable(report.sequence_note));
  }
  if (!report.journal.empty()) out << fmt::format("  journal: {}\n", printable(report.journal));
  if (conformance::left_changed(report)) {
    out << palette.paint("  The device is not as the run found it.", Colour::kRed) << '\n';
    if (!report.journal.empty()) {
      out << fmt::format("  To finish putting it back: mbharness restore {}\n",
                         printable(report.journal));
    }
  }
}

void write_summary(const RunReport& report, std::ostream& out, const Palette& palette) {
  const conformance::Summary s = conformance::summarise(report);
  out << '\n' << palette.heading("SUMMARY") << '\n';
  out << fmt::format("  {} checks: {} pass, {} fail, {} warn, {} either, {} skip{}\n",
                     report.checks.size(), s.pass, s.fail, s.warn, s.either, s.skip,
                     report.expect_file.empty()
                         ? std::string()
                         : fmt::format("; {} xfail, {} xpass (--expect)", s.xfail, s.xpass));
  const double seconds = std::chrono::duration<double>(report.duration).count();
  out << fmt::format("  {} requests in {:.3f} s", report.requests_sent, seconds);
  if (seconds > 0) {
    out << fmt::format(" ({:.1f} requests/s)", static_cast<double>(report.requests_sent) / seconds);
  }
  out << '\n';
  for (const auto& sentence : stop_sentences(report))
    out << fmt::format("  {}\n", printable(sentence));
  const std::string_view verdict = verdict_text(report);
  out << fmt::format("  verdict: {}, exit status {}\n",
                     palette.paint(verdict, verdict == "PASS" ? Colour::kGreen : Colour::kRed),
                     conformance::exit_status_of(report));
}

}  // namespace

void write_console_report(const RunReport& report, std::ostream& out, bool colour) {
  write_console_header(report, out, colour);
  write_console_results(report, out, colour);
}

void write_console_header(const RunReport& report, std::ostream& out, bool colour) {
  write_header(report, out, Palette(colour));
}

void write_console_results(const RunReport& report, std::ostream& out, bool colour) {
  const Palette palette(colour);
  write_failures(report, out, palette);
  write_known_deviations(report, out, palette);
  write_rule_table(report, out, palette);
  write_either_outcomes(report, out, palette);
  write_writes(report, out, palette);
  write_summary(report, out, palette);
}

void write_console_checks(const RunReport& report, std::ostream& out, bool colour) {
  const Palette palette(colour);
  out << palette.heading("CHECKS")
      << fmt::format("  {}, in the order they ran\n", report.checks.size());
  for (const auto& check : report.checks) {
    const std::string where = register_text(check);
    out << fmt::format("  {}{:<16} {:<6}  {}{}: {}\n", palette.status(check),
                       models::rule_name(check.rule), models::level_name(check.level),
                       printable(check.name), where.empty() ? "" : " (" + where + ")",
                       printable(check.message));
  }
}

}  // namespace mbh::reports
