#include "reports/json_report.hpp"

#include <chrono>

#include "harness/exchange/frame_hex.hpp"
#include "models/expectation.hpp"
#include "models/model_text.hpp"
#include "models/rule_table.hpp"
#include "reports/report_file.hpp"
#include "reports/run_verdict.hpp"
#include "reports/safe_text.hpp"

namespace mbh::reports {
namespace {

using nlohmann::ordered_json;

bool shows_frames(models::Status status) {
  return status != models::Status::kPass && status != models::Status::kSkip;
}

ordered_json deviation_json(const conformance::KnownDeviation& line) {
  return ordered_json{
      {"line", line.line}, {"text", valid_utf8(line.text)}, {"reason", valid_utf8(line.reason)}};
}

ordered_json check_json(const conformance::CheckRecord& check) {
  ordered_json j{
      {"id", valid_utf8(check.id)},
      {"rule", models::rule_name(check.rule)},
      {"level", models::level_name(check.level)},
      {"status", conformance::status_text(check)},
      {"name", valid_utf8(check.name)},
      {"register", check.address ? ordered_json(*check.address) : ordered_json(nullptr)},
      {"space",
       check.space ? ordered_json(models::space_name(*check.space)) : ordered_json(nullptr)},
      {"message", valid_utf8(check.message)},
  };
  if (shows_frames(check.status)) {
    j["request"] = exchange::hex_compact(check.request);
    j["response"] = check.response ? ordered_json(exchange::hex_compact(*check.response))
                                   : ordered_json(nullptr);
    j["reproduce"] = valid_utf8(check.reproduce);
  }
  if (check.known) {
    j["known_deviation"] = deviation_json(*check.known);
    j["oracle_status"] = models::status_name(check.status);
  }
  j["elapsed_us"] = check.elapsed.count();
  return j;
}

ordered_json write_json(const conformance::WriteRecord& write) {
  return ordered_json{{"space", models::space_name(write.space)},
                      {"address", write.address},
                      {"name", valid_utf8(write.name)},
                      {"original", write.original},
                      {"written", write.written},
                      {"original_text", valid_utf8(write.original_text)},
                      {"written_text", valid_utf8(write.written_text)},
                      {"restored", write.restored},
                      {"note", valid_utf8(write.note)}};
}

ordered_json options_json(const conformance::RunOptionsSummary& options) {
  ordered_json only = ordered_json::array();
  for (models::RuleId rule : options.only)
    only.push_back(models::rule_name(rule));
  return ordered_json{{"strict", options.strict},
                      {"read_only", options.read_only},
                      {"allow_actuation", options.allow_actuation},
                      {"allow_destructive", options.allow_destructive},
                      {"only", std::move(only)},
                      {"timeout_ms", options.timeout.count()},
                      {"rate", options.rate}};
}

}  // namespace

ordered_json json_report(const conformance::RunReport& report) {
  const conformance::Summary summary = conformance::summarise(report);
  ordered_json checks = ordered_json::array();
  for (const auto& check : report.checks)
    checks.push_back(check_json(check));
  ordered_json writes = ordered_json::array();
  for (const auto& write : report.writes)
    writes.push_back(write_json(write));

  ordered_json out{
      {"tool", "mbharness"},
      {"version", valid_utf8(report.version)},
      {"map", valid_utf8(report.map)},
      {"target", valid_utf8(report.target)},
      {"unit", report.unit},
      {"seed", report.seed},
      {"verdict", verdict_text(report)},
      {"exit_status", conformance::exit_status_of(report)},
      {"summary",
       {{"pass", summary.pass},
        {"fail", summary.fail},
        {"warn", summary.warn},
        {"skip", summary.skip},
        {"either", summary.either},
        {"xfail", summary.xfail},
        {"xpass", summary.xpass}}},
      {"started",
       report.started.empty() ? ordered_json(nullptr) : ordered_json(valid_utf8(report.started))},
      {"requests_sent", report.requests_sent},
      {"duration_ms",
       std::chrono::duration_cast<std::chrono::milliseconds>(report.duration).count()},
      {"options", options_json(report.options)},
      {"stopped",
       report.stopped ? ordered_json(valid_utf8(*report.stopped)) : ordered_json(nullptr)},
      {"interrupted", report.interrupted},
      {"unreachable", report.unreachable},
      {"complete", report.complete},
      {"journal",
       report.journal.empty() ? ordered_json(nullptr) : ordered_json(valid_utf8(report.journal))},
      {"sequence", report.sequence_note.empty() ? ordered_json(nullptr)
                                                : ordered_json(valid_utf8(report.sequence_note))},
      {"checks", std::move(checks)},
      {"writes", std::move(writes)},
  };
  if (!report.expect_file.empty()) {
    out["expect"] = valid_utf8(report.expect_file);
    ordered_json xpass = ordered_json::array();
    for (const auto& line : report.xpass)
      xpass.push_back(deviation_json(line));
    out["xpass"] = std::move(xpass);
  }
  return out;
}

void write_json_report(const conformance::RunReport& report, const std::string& path) {
  // Every string is valid UTF-8 already; `replace` only keeps dump() from ever throwing.
  write_report_file(
      path, json_report(report).dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n");
}

}  // namespace mbh::reports
