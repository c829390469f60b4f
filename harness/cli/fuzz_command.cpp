#include "harness/cli/fuzz_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "harness/cli/capture_option.hpp"
#include "harness/cli/device_options.hpp"
#include "harness/cli/exit_status.hpp"
#include "harness/cli/interrupt_flag.hpp"
#include "harness/cli/map_argument.hpp"
#include "harness/client/target_address.hpp"
#include "harness/journal/journal_record.hpp"
#include "harness/netfuzz/finding_store.hpp"
#include "harness/netfuzz/network_fuzzer.hpp"
#include "harness/netfuzz/replay_file.hpp"
#include "harness/netfuzz/verdict.hpp"
#include "models/map_catalog.hpp"

namespace mbh::cli {
namespace {

std::string words_text(const std::vector<std::uint16_t>& words) {
  std::string text;
  for (const auto w : words)
    text += fmt::format("{}{}", text.empty() ? "" : " ", w);
  return words.size() == 1 ? text : "[" + text + "]";
}

// What --allow-writes wrote: every register journalled, its original value, and whether it is
// back (and how, or why not).
void print_writes(const netfuzz::FuzzSummary& summary, const netfuzz::FuzzOptions& run,
                  std::ostream& out) {
  if (!run.allow_writes) return;
  out << fmt::format("writes: {} sent, {} skipped (a register could not be read or journalled)\n",
                     summary.writes, summary.writes_skipped);
  if (!summary.journal_error.empty()) out << fmt::format("  {}\n", summary.journal_error);
  if (summary.written.empty()) {
    out << "no register written\n";
    return;
  }
  const auto back = static_cast<std::size_t>(
      std::ranges::count_if(summary.written, [](const auto& w) { return w.restored; }));
  out << fmt::format("{} register{} written, {} restored (journal {}, restore {:.1f} s):\n",
                     summary.written.size(), summary.written.size() == 1 ? "" : "s", back,
                     summary.journal_path,
                     static_cast<double>(summary.restore_elapsed.count()) / 1000.0);
  for (const auto& w : summary.written) {
    out << fmt::format("  {} ({}), original {}: {}: {}\n", journal::register_text(w.entry),
                       w.entry.safety, words_text(w.entry.original),
                       w.restored ? "restored" : "NOT RESTORED", w.how);
  }
  if (back != summary.written.size()) {
    out << fmt::format("{} register{} not restored: put back with\n  mbharness restore {}\n",
                       summary.written.size() - back,
                       summary.written.size() - back == 1 ? " is" : "s are", summary.journal_path);
  }
}

void print_summary(const netfuzz::FuzzSummary& summary, const netfuzz::FuzzOptions& run,
                   std::ostream& out) {
  const double seconds = static_cast<double>(summary.elapsed.count()) / 1000.0;
  out << fmt::format("mbharness fuzz: {} (unit {}) at {}, seed {}\n", run.map->id, run.unit,
                     client::target_text(run.target), run.seed);
  out << fmt::format("{} frames in {:.1f} s ({:.0f} per second){}\n", summary.frames, seconds,
                     seconds > 0 ? static_cast<double>(summary.frames) / seconds : 0.0,
                     summary.connections > 1
                         ? fmt::format(" on {} connections (seeds {} to {})", summary.connections,
                                       run.seed, run.seed + summary.connections - 1)
                         : std::string());
  out << fmt::format(
      "  answered {}, unframable answer {}, closed {}, no answer {} (dropped {}, waited on {}); "
      "valid reads {} (probes on a new connection {}), restarts {}, waits to the timeout {}\n",
      summary.answered, summary.unframable, summary.closed, summary.no_answer, summary.dropped,
      summary.waited, summary.reads, summary.probes, summary.restarts, summary.full_waits);
  out << fmt::format("  classes of outcome seen: {}{}\n", summary.classes,
                     run.feedback ? "" : " (--no-feedback)");
  out << fmt::format(
      "  the device's round trip: p50 {:.2f} ms, p99 {:.2f} ms; an answer was waited for {} ms "
      "at most{}\n",
      static_cast<double>(summary.round_trip_p50.count()) / 1000.0,
      static_cast<double>(summary.round_trip_p99.count()) / 1000.0, summary.wait.count(),
      summary.pipelining ? "" : "; frames went one at a time (the device loses pipelined ones)");
  out << "  by kind:";
  for (std::size_t i = 0; i < summary.by_kind.size(); ++i) {
    if (summary.by_kind[i] == 0) continue;
    out << fmt::format(" {} {}", netfuzz::kind_name(static_cast<netfuzz::FrameKind>(i)),
                       summary.by_kind[i]);
  }
  out << '\n';
  if (summary.findings.empty()) {
    out << "no finding\n";
  } else {
    out << fmt::format("{} finding{}:\n", summary.findings.size(),
                       summary.findings.size() == 1 ? "" : "s");
  }
  for (const auto& saved : summary.findings) {
    out << fmt::format("  {}{}: {}\n", netfuzz::finding_name(saved.finding),
                       saved.count > 1 ? fmt::format(" (seen {} times)", saved.count) : "",
                       saved.finding.observed);
    if (saved.path.empty()) {
      out << fmt::format("    not saved: {}\n", saved.save_error);
    } else {
      out << fmt::format("    {}\n    mbharness replay {} --target {}\n", saved.path, saved.path,
                         client::target_text(run.target));
    }
  }
  if (!summary.reason.empty()) out << fmt::format("stopped: {}\n", summary.reason);
  print_writes(summary, run, out);
}

}  // namespace

void setup_fuzz(CLI::App& app, FuzzCommandOptions& options) {
  CLI::App* sub = app.add_subcommand(
      "fuzz",
      "Send malformed and model-derived frames to a live device; save each crash, hang or "
      "anomaly it shows as a replay file.");
  add_device_options(*sub, options.map, options.target, options.unit);
  sub->add_option("--seed", options.seed,
                  "seed of the frame sequence: the same seed sends the same frames (default: a "
                  "fresh one, printed)");
  sub->add_option("--duration", options.duration_s, "seconds to run (default 60; 0: until stopped)")
      ->check(CLI::Range(0U, 31'536'000U));
  sub->add_option("--rate", options.rate, "at most this many frames per second (0: no cap)")
      ->check(CLI::Range(0.0, 1e6));
  sub->add_option("--timeout", options.timeout_ms,
                  "milliseconds to connect and to wait for each answer (default 1000)")
      ->check(CLI::Range(1U, 600000U));
  sub->add_option("--out", options.out, "folder for the replay files (default: findings)");
  sub->add_option("--restart-cmd", options.restart_cmd,
                  "after a finding, run this with /bin/sh -c to restart the device, wait for it "
                  "to answer again and go on (without it the run stops at the first finding)");
  sub->add_option("--restart-wait", options.restart_wait_s,
                  "seconds for --restart-cmd to finish and the device to answer again, both "
                  "together (default 30); a command still running then is killed")
      ->check(CLI::Range(1U, 3600U));
  sub->add_flag("--allow-writes", options.allow_writes,
                "also send well-formed writes (FC 05/06/15/16/22/23) to the writable registers "
                "the safety flags allow (settings alone by default), each journalled before its "
                "first write and restored at the end; without it no frame that decodes as a "
                "valid write is ever sent");
  sub->add_flag("--allow-actuation", options.allow_actuation,
                "with --allow-writes, also write actuating registers and the clock");
  sub->add_flag("--allow-destructive", options.allow_destructive,
                "with --allow-writes, also write destructive and connectivity registers; and "
                "send FC 08 sub-functions 0x0001 and 0x0004 (never sent without it)");
  sub->add_option("--journal", options.journal,
                  "the write journal (default: a new mbharness-journal-... file in the current "
                  "directory, its path printed before the first write)");
  sub->add_option("--connections", options.connections,
                  fmt::format("connections fuzzing at once, 1 to {} (default auto: half as many "
                              "as the device serves at once, up to 4; 1 sends the seed's "
                              "frames in one order)",
                              kMaxConnections));
  sub->add_flag("--no-feedback", options.no_feedback,
                "draw frames from the seed alone, without steering towards frames whose outcome "
                "was of a class not seen before");
  add_capture_option(*sub, options.pcap);
  sub->footer(
      "A crash: the connection is refused or reset and a valid read afterwards gets no answer.\n"
      "A hang: no answer within --timeout and none to a valid read afterwards. A device that\n"
      "closes the connection on garbage but answers the read is behaving correctly.\n"
      "An anomaly: an answer that is wrong while the device stays up (exception 04, an\n"
      "exception without the 0x80 bit, another function, unit or transaction id, an answer to\n"
      "a frame whose protocol id is not 0, an answer far slower than usual); the run goes on.\n"
      "Each distinct finding is saved once and counted; with --restart-cmd a crash or hang is\n"
      "minimised to the fewest frames that still bring the device down.\n"
      "Exit status: 0 no finding, 1 finding(s), 2 usage error, 3 target unreachable at the\n"
      "start, 4 a register written could not be restored (`mbharness restore JOURNAL`),\n"
      "130 interrupted (findings so far are kept, what was written restored).\n\n"
      "Example:\n"
      "  mbharness fuzz --map conext-ags --target 127.0.0.1:5020 --seed 1 --duration 30");
}

int run_fuzz(const FuzzCommandOptions& options, std::ostream& out, std::ostream& err) {
  const auto resolved = resolve_map(options.map);
  if (!resolved) {
    err << fmt::format("mbharness fuzz: {}\n", resolved.error());
    return kUsage;
  }
  const models::RegisterMap* map = resolved.value();
  const auto target = client::parse_target(options.target);
  if (!target) {
    err << fmt::format("mbharness fuzz: bad --target '{}': {}\n", options.target, target.error());
    return kUsage;
  }
  if (options.out.empty()) {
    err << "mbharness fuzz: --out is empty\n";
    return kUsage;
  }
  if (auto problem = netfuzz::out_dir_problem(options.out)) {
    err << fmt::format("mbharness fuzz: {}\n", *problem);
    return kUsage;
  }
  std::size_t connections = 0;
  if (options.connections != "auto") {
    unsigned parsed = 0;
    const auto& text = options.connections;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error != std::errc{} || end != text.data() + text.size() || parsed < 1 ||
        parsed > kMaxConnections) {
      err << fmt::format("mbharness fuzz: bad --connections '{}': a number from 1 to {}, or auto\n",
                         text, kMaxConnections);
      return kUsage;
    }
    connections = parsed;
  }
  RunCapture capture("fuzz", err);
  if (auto problem = capture.open(options.pcap)) {
    err << fmt::format("mbharness fuzz: {}\n", *problem);
    return kUsage;
  }

  netfuzz::FuzzOptions run;
  run.map = map;
  run.unit = static_cast<std::uint8_t>(options.unit.value_or(models::default_unit(*map)));
  run.seed = options.seed ? *options.seed : std::random_device{}();
  run.allow_writes = options.allow_writes;
  run.allow_actuation = options.allow_actuation;
  run.allow_destructive = options.allow_destructive;
  run.feedback = !options.no_feedback;
  run.connections = connections;
  run.journal_path = options.journal;
  run.tool_version = options.version;
  run.target = target.value();
  run.timeout = std::chrono::milliseconds(options.timeout_ms);
  run.rate = options.rate;
  run.duration = std::chrono::seconds(options.duration_s);
  run.out_dir = options.out;
  run.restart_cmd = options.restart_cmd;
  run.restart_wait = std::chrono::seconds(options.restart_wait_s);
  run.tap = capture.tap();

  err << fmt::format("mbharness fuzz: seed {}, {} s, findings to {}\n", run.seed,
                     options.duration_s, options.out);
  if (options.allow_writes) {
    err << fmt::format("mbharness fuzz: writes to {} registers, restored at the end\n",
                       options.allow_destructive
                           ? "setting, actuating, clock, destructive and connectivity"
                       : options.allow_actuation ? "setting, actuating and clock"
                                                 : "setting");
  } else if (options.allow_actuation || !options.journal.empty()) {
    err << "mbharness fuzz: without --allow-writes nothing is written: --allow-actuation and "
           "--journal have no effect\n";
  }
  const InterruptFlag interrupt;
  run.interrupt = interrupt.flag();
  run.abort_restore = interrupt.abort_flag();
  const netfuzz::FuzzSummary summary = netfuzz::run_network_fuzz(run, err);

  using End = netfuzz::FuzzSummary::End;
  if (summary.end == End::kUnreachable) {
    err << fmt::format("mbharness fuzz: {}\n", summary.reason);
    return kUnreachable;
  }
  print_summary(summary, run, out);
  if (!summary.all_restored()) return kNotRestored;
  if (summary.end == End::kInterrupted) return kInterrupted;
  return summary.findings.empty() ? kOk : kViolation;
}

}  // namespace mbh::cli
