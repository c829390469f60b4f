#include "harness/cli/replay_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <nlohmann/json.hpp>

#include <ostream>

#include "harness/cli/capture_option.hpp"
#include "harness/cli/exit_status.hpp"
#include "harness/cli/interrupt_flag.hpp"
#include "harness/cli/map_argument.hpp"
#include "harness/client/target_address.hpp"
#include "harness/netfuzz/finding_store.hpp"
#include "harness/netfuzz/frame_stream.hpp"
#include "harness/netfuzz/replay_file.hpp"
#include "harness/netfuzz/replay_runner.hpp"
#include "models/map_catalog.hpp"

namespace mbh::cli {
namespace {

// `replay --json`: the finding, the outcome, and each frame with what the device answered.
nlohmann::json replay_json(const std::string& file, const std::string& target,
                           const netfuzz::Finding& finding, const netfuzz::ReplayOutcome& outcome) {
  netfuzz::Finding got;
  got.kind = outcome.verdict;
  got.anomaly = outcome.anomaly;
  nlohmann::json frames = nlohmann::json::array();
  for (std::size_t i = 0; i < outcome.frames.size(); ++i) {
    const auto& frame = outcome.frames[i];
    frames.push_back({{"frame", i + 1},
                      {"kind", netfuzz::kind_name(finding.frames[i].kind)},
                      {"hex", netfuzz::to_hex(finding.frames[i].bytes)},
                      {"connection", finding.frames[i].connection},
                      {"status", client::status_name(frame.status)},
                      {"answer", netfuzz::to_hex(frame.answer)},
                      {"ms", static_cast<double>(frame.elapsed.count()) / 1000.0}});
  }
  return {{"file", file},
          {"target", target},
          {"finding", netfuzz::finding_name(finding)},
          {"map", finding.map},
          {"seed", finding.seed},
          {"frame_index", finding.frame_index},
          {"reproduced", outcome.verdict == finding.kind && outcome.anomaly == finding.anomaly},
          {"outcome", outcome.verdict == netfuzz::Verdict::kNone ? std::string("none")
                                                                 : netfuzz::finding_name(got)},
          {"observed", outcome.observed},
          {"frames_sent", outcome.frames_sent},
          {"frames", frames}};
}

}  // namespace

void setup_replay(CLI::App& app, ReplayCommandOptions& options) {
  CLI::App* sub = app.add_subcommand(
      "replay", "Send a finding saved by `mbharness fuzz` again: does the device still fail?");
  sub->add_option("FILE", options.file, "a replay file written by mbharness fuzz")->required();
  sub->add_option("--target", options.target, "HOST[:PORT] (port 502 by default; [::1]:5020)")
      ->required();
  sub->add_option("--timeout", options.timeout_ms,
                  "milliseconds to connect and to wait for each answer (default 1000)")
      ->check(CLI::Range(1U, 600000U));
  sub->add_option("--map", options.map,
                  "the map file of a finding made with one (the file names only the map's id); "
                  "or a built-in map id");
  sub->add_flag("--allow-writes", options.allow_writes,
                "send the file even if a frame in it is a well-formed write (refused otherwise)");
  sub->add_flag("--json", options.json,
                "print the result as one JSON object: the finding, whether it reproduced, what "
                "each frame got");
  add_capture_option(*sub, options.pcap);
  sub->footer(
      "The frames are sent in order on one connection; at the first that gets no answer, a "
      "valid read on a new connection decides: crash, hang, or nothing. For an anomaly, the "
      "last frame's answer is judged as the fuzzer judged it.\n"
      "Exit status: 1 the same kind of failure again, 0 not, 2 bad file or usage error, 3 "
      "target unreachable, 130 interrupted.\n\n"
      "Example:\n"
      "  mbharness replay findings/crash-000001-1.json --target 127.0.0.1:5020");
}

int run_replay(const ReplayCommandOptions& options, std::ostream& out, std::ostream& err) {
  const auto target = client::parse_target(options.target);
  if (!target) {
    err << fmt::format("mbharness replay: bad --target '{}': {}\n", options.target, target.error());
    return kUsage;
  }
  const auto finding = netfuzz::load_finding(options.file);
  if (!finding) {
    err << fmt::format("mbharness replay: {}\n", finding.error());
    return kUsage;
  }
  const auto resolved = resolve_map(options.map.empty() ? finding->map : options.map);
  if (!resolved) {
    err << fmt::format(
        "mbharness replay: {}: {}{}\n", options.map.empty() ? options.file : "--map",
        resolved.error(),
        options.map.empty() ? "; a finding made with a map file needs --map FILE" : "");
    return kUsage;
  }
  const models::RegisterMap* map = resolved.value();
  if (map->id != finding->map) {
    err << fmt::format("mbharness replay: --map {} is map '{}', but {} was found on map '{}'\n",
                       options.map, map->id, options.file, finding->map);
    return kUsage;
  }
  if (!options.allow_writes) {
    for (std::size_t i = 0; i < finding->frames.size(); ++i) {
      if (netfuzz::shape_of(finding->frames[i].bytes).carries_valid_write) {
        err << fmt::format(
            "mbharness replay: {}: frame {} is a well-formed write; not sent without "
            "--allow-writes\n",
            options.file, i + 1);
        return kUsage;
      }
    }
  }

  RunCapture capture("replay", err);
  if (auto problem = capture.open(options.pcap)) {
    err << fmt::format("mbharness replay: {}\n", *problem);
    return kUsage;
  }

  const InterruptFlag interrupt;
  const auto outcome = netfuzz::replay_finding(finding.value(), *map, target.value(),
                                               std::chrono::milliseconds(options.timeout_ms),
                                               interrupt.flag(), capture.tap());
  if (outcome.interrupted) return kInterrupted;
  if (outcome.unreachable) {
    err << fmt::format("mbharness replay: {}\n", outcome.observed);
    return kUnreachable;
  }
  const auto expected = netfuzz::finding_name(finding.value());
  const bool reproduced = outcome.verdict == finding->kind && outcome.anomaly == finding->anomaly;
  if (options.json) {
    out << replay_json(options.file, client::target_text(target.value()), finding.value(), outcome)
               .dump(2)
        << '\n';
    return reproduced ? kViolation : kOk;
  }
  out << fmt::format("replayed {} of {} frames of {} ({} at frame {}, seed {}) to {}\n",
                     outcome.frames_sent, finding->frames.size(), options.file, expected,
                     finding->frame_index, finding->seed, client::target_text(target.value()));
  out << outcome.observed << '\n';
  if (reproduced) {
    out << fmt::format("reproduced: {}\n",
                       finding->kind == netfuzz::Verdict::kCrash  ? "the device crashed again"
                       : finding->kind == netfuzz::Verdict::kHang ? "the device hung again"
                                                                  : "the same anomaly again");
    return kViolation;
  }
  if (outcome.verdict != netfuzz::Verdict::kNone) {
    netfuzz::Finding got;
    got.kind = outcome.verdict;
    got.anomaly = outcome.anomaly;
    out << fmt::format("not reproduced: {} instead of {}\n", netfuzz::finding_name(got), expected);
  } else {
    out << fmt::format("not reproduced: no {}\n", expected);
  }
  return kOk;
}

}  // namespace mbh::cli
