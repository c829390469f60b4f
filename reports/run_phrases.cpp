#include "reports/run_phrases.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string_view>

#include "models/model_text.hpp"
#include "models/rule_table.hpp"

namespace mbh::reports {

std::string register_text(const conformance::CheckRecord& check) {
  if (!check.address) return "";
  const std::string_view space = check.space ? models::space_name(*check.space) : "register";
  return fmt::format("{} {}", space, *check.address);
}

std::string strict_text(const conformance::RunOptionsSummary& options) {
  return options.strict ? "yes: SHOULD violations fail the run (--strict)"
                        : "no: SHOULD violations warn, they do not fail the run";
}

std::string writes_allowed(const conformance::RunOptionsSummary& options) {
  if (options.read_only) return "none (--read-only)";
  if (!options.allow_actuation && !options.allow_destructive) {
    return "settings only (actuating, clock, destructive and connectivity registers skipped)";
  }
  std::string text = "settings";
  if (options.allow_actuation) text += "; actuating and clock (--allow-actuation)";
  if (options.allow_destructive) text += "; destructive and connectivity (--allow-destructive)";
  return text;
}

std::string rules_checked(const conformance::RunOptionsSummary& options) {
  if (options.only.empty()) return "all";
  std::vector<std::string_view> names;
  for (models::RuleId rule : options.only)
    names.push_back(models::rule_name(rule));
  return fmt::format("{} (--only)", fmt::join(names, ", "));
}

std::string limits_text(const conformance::RunOptionsSummary& options) {
  return fmt::format("timeout {} ms, {}", options.timeout.count(),
                     options.rate > 0 ? fmt::format("at most {:g} requests/s", options.rate)
                                      : std::string("no rate cap"));
}

std::string raw_values(const std::vector<std::uint16_t>& values) {
  if (values.empty()) return "-";
  if (values.size() == 1) return std::to_string(values.front());
  return fmt::format("[{}]", fmt::join(values, " "));
}

std::string value_with_registers(const std::vector<std::uint16_t>& raw, const std::string& text) {
  const std::string registers = raw_values(raw);
  if (text.empty() || text == registers) return registers;
  return fmt::format("{} [{}]", text, fmt::join(raw, " "));
}

std::string expect_line_text(const conformance::CheckRecord& check) {
  if (!check.known) return "";
  const std::string& reason = check.known->reason;
  const bool own = !reason.empty() && !reason.ends_with(check.message);
  return fmt::format("--expect line {}{}", check.known->line, own ? ": " + reason : "");
}

std::vector<std::string> stop_sentences(const conformance::RunReport& report) {
  std::vector<std::string> sentences;
  if (report.unreachable) {
    sentences.emplace_back(
        "target unreachable: could not connect, or the connection broke before any check ran");
  }
  if (report.interrupted) sentences.emplace_back("interrupted by SIGINT, SIGTERM or SIGHUP");
  if (report.restore_interrupted) {
    sentences.emplace_back(
        "the restore was cut short by a second signal: what is not back is listed with the "
        "writes");
  }
  if (report.stopped) sentences.push_back("stopped early: " + *report.stopped);
  return sentences;
}

}  // namespace mbh::reports
