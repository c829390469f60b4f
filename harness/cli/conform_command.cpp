#include "harness/cli/conform_command.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <random>
#include <stdexcept>

#include "conformance/conform_run.hpp"
#include "harness/cli/device_options.hpp"
#include "harness/cli/exit_status.hpp"
#include "harness/cli/map_names.hpp"
#include "harness/client/modbus_client.hpp"
#include "harness/client/target_address.hpp"
#include "models/map_catalog.hpp"
#include "reports/console_report.hpp"
#include "reports/json_report.hpp"
#include "reports/junit_report.hpp"

namespace mbh::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_signal(int /*signal*/) {
  // The first signal asks the run to stop and restore; later ones must not cut the restore.
  g_interrupted.store(true);
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGTERM, SIG_IGN);
}

std::string rule_ids() {
  std::string ids;
  for (std::size_t i = 0; i < models::kRuleCount; ++i)
    ids +=
        (ids.empty() ? "" : ", ") + std::string(models::rule_name(static_cast<models::RuleId>(i)));
  return ids;
}

// "R-GAP,R-UNIT" (spaces allowed); an error names the rule it does not know.
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
  return rules;
}

bool can_write(const std::string& path, std::string_view option, std::ostream& err) {
  if (path.empty()) return true;
  std::ofstream probe(path, std::ios::app);
  if (probe) return true;
  err << fmt::format("mbharness conform: cannot write {} file '{}'\n", option, path);
  return false;
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
  sub->add_flag("--verbose", options.verbose, "list every check, passing ones too");
  sub->add_option("--random-reads", options.random_reads,
                  "cases of the random-read property (default 200)")
      ->check(CLI::Range(0U, 100000U));
}

int run_conform(const ConformCommandOptions& options, std::ostream& out, std::ostream& err) {
  const models::RegisterMap* map = models::find_map(options.map);
  if (map == nullptr) {
    err << fmt::format("mbharness conform: unknown map '{}' (known: {})\n", options.map,
                       known_map_ids());
    return kUsage;
  }
  auto target = client::parse_target(options.target);
  if (!target) {
    err << fmt::format("mbharness conform: bad --target '{}': {}\n", options.target,
                       target.error());
    return kUsage;
  }
  const auto only = parse_only(options.only, err);
  if (!only) return kUsage;
  if (!can_write(options.json, "--json", err) || !can_write(options.junit, "--junit", err)) {
    return kUsage;
  }

  conformance::ConformOptions run;
  run.map = map;
  run.unit = static_cast<std::uint8_t>(options.unit.value_or(map->first_unit));
  run.target = client::target_text(target.value());
  run.seed = options.seed ? *options.seed : std::random_device{}();
  run.only = *only;
  run.strict = options.strict;
  run.read_only = options.read_only;
  run.allow_actuation = options.allow_actuation;
  run.allow_destructive = options.allow_destructive;
  run.random_reads = options.random_reads;
  if (options.timeout_ms != 1000)
    run.timeout_text = fmt::format("--timeout {}", options.timeout_ms);

  client::ClientOptions client_options;
  client_options.connect_timeout = std::chrono::milliseconds(options.timeout_ms);
  client_options.response_timeout = std::chrono::milliseconds(options.timeout_ms);
  client_options.rate = options.rate;
  client::ModbusClient client(target.value(), client_options);
  conformance::ClientChannel channel(client);

  g_interrupted.store(false);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  conformance::RunReport report = conformance::run_conformance(channel, run, &g_interrupted);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  report.version = options.version;
  report.options.timeout = std::chrono::milliseconds(options.timeout_ms);
  report.options.rate = options.rate;

  const bool colour = colour_wanted();
  reports::write_console_report(report, out, colour);
  if (options.verbose) reports::write_console_checks(report, out, colour);
  out.flush();
  try {
    if (!options.json.empty()) reports::write_json_report(report, options.json);
    if (!options.junit.empty()) reports::write_junit_report(report, options.junit);
  } catch (const std::exception& error) {
    err << "mbharness conform: " << error.what() << "\n";
  }
  return conformance::exit_status_of(report);
}

}  // namespace mbh::cli
