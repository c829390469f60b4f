#include "harness/netfuzz/network_fuzzer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <memory>
#include <ostream>
#include <thread>
#include <vector>

#include "harness/client/modbus_client.hpp"
#include "harness/netfuzz/device_probe.hpp"
#include "harness/netfuzz/fuzz_lane.hpp"
#include "harness/netfuzz/fuzz_shared.hpp"
#include "harness/netfuzz/round_trips.hpp"

namespace mbh::netfuzz {
namespace {

using Clock = std::chrono::steady_clock;

// Connections fuzzed on at most when --connections is not given. Each needs room for a second
// one at times (send_alone()): twice as many are tried (each must answer a valid read while
// the others are held open), and half of those that did are used.
constexpr std::size_t kAutoConnections = 4;

// The restore's timeout at most: a device that does not answer within it is given up, and its
// registers are left to `mbharness restore`.
constexpr std::chrono::milliseconds kRestoreTimeout{2'000};

}  // namespace

bool FuzzSummary::all_restored() const {
  return std::ranges::all_of(written, [](const WrittenRegister& w) { return w.restored; });
}

namespace {

// How many connections the device serves at once, up to `at_most`: each opened while the
// ones before stay open must answer a valid read.
std::size_t accepted_connections(const FuzzOptions& options, std::size_t at_most) {
  std::vector<std::unique_ptr<client::ModbusClient>> held;
  for (std::size_t i = 0; i < at_most; ++i) {
    auto client =
        std::make_unique<client::ModbusClient>(options.target, fuzz_client_options(options));
    if (probe(*client, *options.map, options.unit).status != client::ExchangeStatus::kAnswered) {
      break;
    }
    held.push_back(std::move(client));
  }
  return held.size();
}

// One connection's counters added to the run's.
void add_counts(FuzzSummary& into, const FuzzSummary& lane) {
  into.frames += lane.frames;
  into.answered += lane.answered;
  into.unframable += lane.unframable;
  into.closed += lane.closed;
  into.no_answer += lane.no_answer;
  into.dropped += lane.dropped;
  into.waited += lane.waited;
  into.full_waits += lane.full_waits;
  into.probes += lane.probes;
  into.reads += lane.reads;
  into.restarts += lane.restarts;
  into.writes += lane.writes;
  into.writes_skipped += lane.writes_skipped;
  into.refused += lane.refused;
  into.pipelining = into.pipelining && lane.pipelining;
  for (std::size_t i = 0; i < into.by_kind.size(); ++i)
    into.by_kind[i] += lane.by_kind[i];
}

}  // namespace

FuzzSummary run_network_fuzz(const FuzzOptions& options, std::ostream& progress) {
  FuzzShared shared(options, progress);
  const auto start = Clock::now();
  FuzzSummary summary;

  std::size_t lanes = options.connections;
  // After the count, the device may still be closing the connections it counted.
  std::chrono::milliseconds patience{0};
  if (lanes == 0) {
    patience = options.timeout;
    lanes = std::max<std::size_t>(1, accepted_connections(options, 2 * kAutoConnections) / 2);
    if (lanes > 1) {
      shared.say(
          fmt::format("mbharness fuzz: the device serves {} connections at once: "
                      "fuzzing on {} (--connections 1 for one)\n",
                      lanes, lanes));
    }
  }
  std::vector<std::unique_ptr<FuzzLane>> runs;
  for (std::size_t lane = 0; lane < lanes; ++lane) {
    auto run = std::make_unique<FuzzLane>(options, shared, lane, lanes);
    const auto first = run->open(patience);
    if (first.status != client::ExchangeStatus::kAnswered) {
      if (lane == 0) {
        summary.end = first.status == client::ExchangeStatus::kInterrupted
                          ? FuzzSummary::End::kInterrupted
                          : FuzzSummary::End::kUnreachable;
        summary.reason = fmt::format("{} does not answer a valid read: {}",
                                     client::target_text(options.target), what_happened(first));
        summary.elapsed =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
        return summary;
      }
      shared.say(
          fmt::format("mbharness fuzz: connection {} got no answer to a valid read ({}): "
                      "fuzzing on {}\n",
                      lane + 1, what_happened(first), lane));
      break;
    }
    runs.push_back(std::move(run));
  }
  for (const auto& run : runs) {
    std::vector<const FuzzLane*> others;
    for (const auto& other : runs) {
      if (other != run) others.push_back(other.get());
    }
    run->set_neighbours(std::move(others));
  }

  // The first connection on this thread, the others on their own.
  std::vector<std::thread> threads;
  for (std::size_t lane = 1; lane < runs.size(); ++lane) {
    threads.emplace_back([&shared, &run = *runs[lane], start, lane] {
      try {
        run.run(start);
      } catch (const std::exception& e) {
        shared.end(FuzzSummary::End::kDeviceDown,
                   fmt::format("connection {} stopped: {}", lane + 1, e.what()));
      }
    });
  }
  runs.front()->run(start);
  for (auto& thread : threads)
    thread.join();

  const auto restore_start = Clock::now();
  summary.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(restore_start - start);
  summary.connections = runs.size();
  for (const auto& run : runs) {
    add_counts(summary, run->summary());
    summary.classes = std::max(summary.classes, run->classes_seen());
  }
  const RoundTrips& round_trips = runs.front()->round_trips();
  summary.round_trip_p50 = round_trips.percentile(50);
  summary.round_trip_p99 = round_trips.percentile(99);
  summary.wait = round_trips.wait(options.timeout);
  if (shared.stop.load()) {
    summary.end = shared.end_how;
    summary.reason = shared.reason;
  }
  summary.findings = std::move(shared.findings);
  if (shared.journal.opened()) {
    // Whatever ended the run (its duration, a device down, an interrupt), what it wrote goes
    // back now, on a client that only a second signal interrupts.
    shared.say("mbharness fuzz: restoring the registers written\n");
    summary.written =
        shared.journal.restore_all(options.target, std::min(options.timeout, kRestoreTimeout),
                                   options.rate, options.abort_restore, options.tap);
    summary.journal_path = shared.journal.path();
  }
  shared.pass_journal_notes();
  summary.journal_error = shared.journal.error();
  summary.restore_elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - restore_start);
  return summary;
}

}  // namespace mbh::netfuzz
