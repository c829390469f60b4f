#include "harness/cli/conform_command.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <random>
#include <stdexcept>

#include "conformance/conform_run.hpp"
#include "conformance/known_deviations.hpp"
#include "conformance/write_plan.hpp"
#include "harness/cli/capture_option.hpp"
#include "harness/cli/device_options.hpp"
#include "harness/cli/exit_status.hpp"
#include "harness/cli/interrupt_flag.hpp"
#include "harness/cli/map_argument.hpp"
#include "harness/cli/progress_line.hpp"
#include "harness/cli/signal_at_write.hpp"
#include "harness/cli/write_plan_text.hpp"
#include "harness/client/modbus_client.hpp"
#include "harness/client/target_address.hpp"
#include "harness/journal/journal_file.hpp"
#include "harness/journal/journal_record.hpp"
#include "models/map_catalog.hpp"
#include "reports/console_report.hpp"
#include "reports/html_report.hpp"
#include "reports/json_report.hpp"
#include "reports/junit_report.hpp"
#include "reports/report_file.hpp"

namespace mbh::cli {
namespace {

// The restore after an interrupt gets a timeout of its own, short, so that it ends soon.
constexpr unsigned kRestoreTimeoutMs = 2000;

std::string rule_ids() {
  std::string ids;
  for (std::size_t i = 0; i < models::kRuleCount; ++i)
    ids +=
        (ids.empty() ? "" : ", ") + std::string(models::rule_name(static_cast<models::RuleId>(i)));
  return ids;
}

// "R-GAP,R-UNIT" (spaces allowed); an error names the rule it does not know, or says the list
// is empty.
std::optional<std::vector<models::RuleId>> parse_only(const std::string& text, std::ostream& err) {
  std::vector<models::RuleId> rules;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    std::erase(item, ' ');
    if (!item.empty()) {
      const auto rule = models::parse_rule(item);
      if (!rule) {
        err << fmt::format("mbharness conform: unknown rule '{}' in --only (known: {})\n", item,
                           rule_ids());
        return std::nullopt;
      }
      rules.push_back(*rule);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (rules.empty()) {
    err << fmt::format("mbharness conform: --only names no rule (known: {})\n", rule_ids());
    return std::nullopt;
  }
  return rules;
}

bool can_write(const std::string& path, std::string_view option, std::ostream& err) {
  if (path.empty()) return true;
  std::ofstream probe(path, std::ios::app);
  if (probe) return true;
  err << fmt::format("mbharness conform: cannot write {} file '{}'\n", option, path);
  return false;
}

// A journal named with --journal that still holds values not restored is not started over:
// its run's changes would be lost under this one's.
// The file itself is made at the first write only: a run that writes nothing leaves none.
bool journal_usable(const std::string& path, std::ostream& err) {
  if (path.empty()) return true;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const auto folder = std::filesystem::absolute(path).parent_path();
    if (::access(folder.c_str(), W_OK) == 0) return true;
    err << fmt::format(
        "mbharness conform: cannot write --journal file '{}' (its folder is not "
        "writable)\n",
        path);
    return false;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.empty()) return can_write(path, "--journal", err);
  const auto state = journal::read_journal(text);
  if (!state) {
    err << fmt::format("mbharness conform: --journal '{}' exists and is not a write journal ({})\n",
                       path, state.error());
    return false;
  }
  if (!state.value().pending.empty() || !state.value().open_sequences.empty()) {
    err << fmt::format(
        "mbharness conform: --journal '{}' holds {} value(s) an earlier run did not restore; "
        "run `mbharness restore {}` first\n",
        path, state.value().pending.size(), path);
    return false;
  }
  return can_write(path, "--journal", err);
}

// The --expect file, read and checked before anything is sent; no file: no deviations.
std::optional<conformance::KnownDeviations> read_known_deviations(const std::string& path,
                                                                  std::ostream& err) {
  if (path.empty()) return conformance::KnownDeviations{};
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path)) {
    err << fmt::format("mbharness conform: cannot read --expect file '{}'\n", path);
    return std::nullopt;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto parsed = conformance::parse_known_deviations(text);
  if (!parsed) {
    const auto& error = parsed.error();
    err << fmt::format("mbharness conform: --expect {}:{}:{}: {}\n", path, error.line, error.column,
                       error.message);
    return std::nullopt;
  }
  return std::move(parsed).value();
}

bool colour_wanted() {
  return isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
}

}  // namespace

void setup_conform(CLI::App& app, ConformCommandOptions& options) {
  CLI::App* sub = app.add_subcommand(
      "conform",
      "Check a device against its map's model and RULES.md: reads, writes (safe ones by "
      "default, every change restored), exceptions, framing; a report on stdout, JSON and JUnit "
      "on request.");
  add_device_options(*sub, options.map, options.target, options.unit);
  sub->add_option("--seed", options.seed,
                  "seed of the random reads: the same seed gives the same checks in the same "
                  "order (default: a fresh one, printed)");
  sub->add_option("--only", options.only, "only these rules, comma-separated: R-GAP,R-UNIT");
  sub->add_option("--timeout", options.timeout_ms, "milliseconds to wait for each answer")
      ->check(CLI::Range(1U, 600000U));
  sub->add_option("--rate", options.rate, "at most this many requests per second (0: no cap)")
      ->check(CLI::Range(0.0, 1e6));
  sub->add_flag("--strict", options.strict, "SHOULD violations fail the run too");
  sub->add_flag("--read-only", options.read_only, "write nothing at all");
  sub->add_flag("--allow-actuation", options.allow_actuation,
                "also write actuating and clock registers (they make the device act)");
  sub->add_flag("--allow-destructive", options.allow_destructive,
                "also write destructive and connectivity registers (reboots, resets, addresses)");
  sub->add_option("--json", options.json, "write the report as JSON to this file");
  sub->add_option("--junit", options.junit, "write the report as JUnit XML to this file");
  sub->add_option("--html", options.html,
                  "write the report as one self-contained HTML page to this file (prints well)");
  sub->add_option("--expect", options.expect,
                  "known deviations: a file of check ids or rules (R-ENUM holding 68), one a "
                  "line, '# reason' after; a failure it names is xfail and does not fail the "
                  "run, a line that names no failure (xpass) does");
  sub->add_option("--write-expect", options.write_expect,
                  "write this run's failures and warnings as a file for --expect, one commented "
                  "id line each");
  sub->add_option("--journal", options.journal,
                  "the write journal: the original of every register, on disk before each "
                  "write (default: a new mbharness-journal-*.jsonl here, printed before the first "
                  "write); `mbharness restore FILE` finishes a run that was cut short");
  sub->add_flag("--verbose", options.verbose, "list every check, passing ones too");
  sub->add_flag("--progress,!--no-progress", options.progress,
                "a progress line on stderr (suite, checks, requests, time, rate), a few times a "
                "second (default: when stderr is a terminal)");
  sub->add_flag("--plan", options.plan,
                "list every write the run would make (register, safety class, value to write, "
                "value to restore: read from the device now) and exit without writing");
  sub->add_option("--random-reads", options.random_reads,
                  "cases of the random-read property (default 200)")
      ->check(CLI::Range(0U, 100000U));
  add_capture_option(*sub, options.pcap);
}

int run_conform(const ConformCommandOptions& options, std::ostream& out, std::ostream& err) {
  const auto resolved = resolve_map(options.map);
  if (!resolved) {
    err << fmt::format("mbharness conform: {}\n", resolved.error());
    return kUsage;
  }
  const models::RegisterMap* map = resolved.value();
  auto target = client::parse_target(options.target);
  if (!target) {
    err << fmt::format("mbharness conform: bad --target '{}': {}\n", options.target,
                       target.error());
    return kUsage;
  }
  if (std::ranges::none_of(map->rules, [](const auto& r) { return r.level.has_value(); })) {
    out << fmt::format(
        "mbharness conform: {} gives no rule a level (its `rules`): nothing to "
        "check, nothing sent\n",
        map->id);
    return kOk;
  }
  std::vector<models::RuleId> only;
  if (options.only) {
    auto parsed = parse_only(*options.only, err);
    if (!parsed) return kUsage;
    only = std::move(*parsed);
    std::vector<std::string> not_applicable;
    for (const auto rule : only) {
      if (!models::level_of(*map, rule)) not_applicable.emplace_back(models::rule_name(rule));
    }
    if (not_applicable.size() == only.size()) {
      out << fmt::format(
          "mbharness conform: {} {} not apply to {} (RULES.md): nothing to check, nothing sent\n",
          fmt::join(not_applicable, ", "), not_applicable.size() == 1 ? "does" : "do", map->id);
      return kOk;
    }
    if (!not_applicable.empty()) {
      err << fmt::format("mbharness conform: {} not checked: n/a for {} (RULES.md)\n",
                         fmt::join(not_applicable, ", "), map->id);
    }
  }
  if (!can_write(options.json, "--json", err) || !can_write(options.junit, "--junit", err) ||
      !can_write(options.html, "--html", err) ||
      !can_write(options.write_expect, "--write-expect", err)) {
    return kUsage;
  }
  const auto deviations = read_known_deviations(options.expect, err);
  if (!deviations) return kUsage;
  if (!options.read_only && !journal_usable(options.journal, err)) return kUsage;
  RunCapture capture("conform", err);  // before the clients: it hears their connections close
  if (auto problem = capture.open(options.pcap)) {
    err << fmt::format("mbharness conform: {}\n", *problem);
    return kUsage;
  }

  conformance::ConformOptions run;
  run.map = map;
  run.unit = static_cast<std::uint8_t>(options.unit.value_or(models::default_unit(*map)));
  run.target = client::target_text(target.value());
  run.seed = options.seed ? *options.seed : std::random_device{}();
  run.only = only;
  run.strict = options.strict;
  run.read_only = options.read_only;
  run.allow_actuation = options.allow_actuation;
  run.allow_destructive = options.allow_destructive;
  run.random_reads = options.random_reads;
  if (options.timeout_ms != 1000)
    run.timeout_text = fmt::format("--timeout {}", options.timeout_ms);

  const InterruptFlag interrupt;
  client::ClientOptions client_options;
  client_options.connect_timeout = std::chrono::milliseconds(options.timeout_ms);
  client_options.response_timeout = std::chrono::milliseconds(options.timeout_ms);
  client_options.rate = options.rate;
  client_options.interrupt = interrupt.flag();
  client_options.tap = capture.tap();  // the restore client's options are a copy: it too
  client::ModbusClient client(target.value(), client_options);
  if (options.plan) {
    conformance::ClientChannel plan_channel(client);
    const auto plan = conformance::plan_writes(plan_channel, run);
    write_plan_text(plan, run, out);
    if (interrupt.raised()) return kInterrupted;
    return plan.unreachable ? kUnreachable : kOk;
  }
  // The restore's own connection: a short timeout, ended only by a second signal.
  client::ClientOptions restore_options = client_options;
  const auto restore_timeout =
      std::chrono::milliseconds(std::min(options.timeout_ms, kRestoreTimeoutMs));
  restore_options.connect_timeout = restore_timeout;
  restore_options.response_timeout = restore_timeout;
  restore_options.interrupt = interrupt.abort_flag();
  client::ModbusClient restore_client(target.value(), restore_options);
  conformance::ClientChannel client_channel(client, &restore_client);
  SignalAtWrite channel(client_channel);

  journal::JournalWriter journal_file(
      options.journal, journal::JournalHeader{options.version, "conform", std::string(map->id),
                                              run.target, run.unit, journal::utc_now_iso8601()});
  ProgressLine progress(err, options.progress.value_or(isatty(STDERR_FILENO) == 1));
  journal_file.on_open([&err, &progress](const std::string& path) {
    progress.clear();
    err << fmt::format(
        "mbharness conform: write journal {} (if this run is cut short, `mbharness restore {}` "
        "puts back what it changed)\n",
        path, path);
    err.flush();
  });

  const bool colour = colour_wanted();
  conformance::RunReport header = conformance::start_report(run);
  header.version = options.version;
  header.options.timeout = std::chrono::milliseconds(options.timeout_ms);
  header.options.rate = options.rate;
  reports::write_console_header(header, out, colour);
  out.flush();

  // What the run itself does not know: the header's start time (one everywhere), the version,
  // the options as given, and the known deviations matched.
  auto complete_report = [&](conformance::RunReport& report) {
    report.started = header.started;
    report.version = options.version;
    report.options.timeout = std::chrono::milliseconds(options.timeout_ms);
    report.options.rate = options.rate;
    report.expect_file = options.expect;
    conformance::apply_known_deviations(report, *deviations);
  };
  // The report files as the run goes: a run cut short leaves them readable (complete: false).
  auto write_files = [&](const conformance::RunReport& partial) {
    conformance::RunReport shown = partial;
    complete_report(shown);
    try {
      if (!options.json.empty()) reports::write_json_report(shown, options.json);
      if (!options.junit.empty()) reports::write_junit_report(shown, options.junit);
      if (!options.html.empty()) reports::write_html_report(shown, options.html);
    } catch (const std::exception& error) {
      progress.clear();
      err << "mbharness conform: " << error.what() << "\n";
    }
  };
  conformance::RunControl control{
      interrupt.flag(),
      interrupt.abort_flag(),
      options.read_only ? nullptr : &journal_file,
      {},
      [&progress](const conformance::RunProgress& now) { progress.update(now); }};
  if (!options.json.empty() || !options.junit.empty() || !options.html.empty()) {
    control.after_suite = write_files;
  }
  conformance::RunReport report = conformance::run_conformance(channel, run, control);
  complete_report(report);

  progress.clear();
  reports::write_console_results(report, out, colour);
  if (options.verbose) reports::write_console_checks(report, out, colour);
  out.flush();
  write_files(report);
  if (!options.write_expect.empty()) {
    try {
      reports::write_report_file(options.write_expect, conformance::known_deviations_text(report));
      err << fmt::format("mbharness conform: known deviations written to {}\n",
                         options.write_expect);
    } catch (const std::exception& error) {
      err << "mbharness conform: " << error.what() << "\n";
    }
  }
  if (conformance::left_changed(report) && !report.journal.empty()) {
    err << fmt::format(
        "mbharness conform: the device is not as the run found it; `mbharness restore {}` "
        "finishes putting it back\n",
        report.journal);
  }
  return conformance::exit_status_of(report);
}

}  // namespace mbh::cli
