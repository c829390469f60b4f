#include "harness/netfuzz/network_fuzzer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <ostream>

#include "harness/client/modbus_client.hpp"
#include "harness/netfuzz/device_probe.hpp"
#include "harness/netfuzz/finding_store.hpp"
#include "harness/netfuzz/frame_generator.hpp"
#include "harness/netfuzz/frame_stream.hpp"
#include "harness/netfuzz/restart_command.hpp"
#include "harness/netfuzz/verdict.hpp"
#include "harness/netfuzz/write_policy.hpp"

namespace mbh::netfuzz {
namespace {

using Clock = std::chrono::steady_clock;

// How long a send that ends in a partial frame waits (see step()): long enough for a reset
// from a device that crashed on it to arrive over a LAN; one that comes later still makes
// the probe fail, and the finding is then called a hang.
constexpr std::chrono::milliseconds kPartialWait{25};

// The restore's timeout at most: a device that does not answer within it is given up, and its
// registers are left to `mbharness restore`.
constexpr std::chrono::milliseconds kRestoreTimeout{2'000};

journal::JournalHeader journal_header(const FuzzOptions& options) {
  journal::JournalHeader header;
  header.tool_version = options.tool_version;
  header.command = "fuzz";
  header.map = std::string(options.map->id);
  header.target = client::target_text(options.target);
  header.unit = options.unit;
  header.started = journal::utc_now_iso8601();
  return header;
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  const std::size_t size = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return std::string(text, size);
}

class Run {
 public:
  Run(const FuzzOptions& options, std::ostream& progress)
      : options_(options),
        progress_(progress),
        client_(options.target, {.connect_timeout = options.timeout,
                                 .response_timeout = options.timeout,
                                 .rate = options.rate,
                                 .interrupt = options.interrupt,
                                 .tap = options.tap}),
        partial_client_(options.target,
                        {.connect_timeout = options.timeout,
                         .response_timeout = std::min(options.timeout, kPartialWait),
                         .rate = options.rate,
                         .interrupt = options.interrupt,
                         .tap = options.tap}),
        generator_({options.map, options.unit, options.seed, options.allow_writes,
                    options.allow_actuation, options.allow_destructive}),
        journal_(*options.map, options.unit, journal_header(options), options.journal_path,
                 progress) {}

  FuzzSummary run() {
    const auto start = Clock::now();
    const auto first = probe(client_, *options_.map, options_.unit);
    if (first.status != client::ExchangeStatus::kAnswered) {
      summary_.end = first.status == client::ExchangeStatus::kInterrupted
                         ? FuzzSummary::End::kInterrupted
                         : FuzzSummary::End::kUnreachable;
      summary_.reason = fmt::format("{} does not answer a valid read: {}",
                                    client::target_text(options_.target), what_happened(first));
      return finish(start);
    }
    auto next_progress = start + options_.progress_every;
    while (step()) {
      const auto now = Clock::now();
      if (options_.duration.count() > 0 && now - start >= options_.duration) break;
      if (options_.max_frames > 0 && summary_.frames >= options_.max_frames) break;
      if (now >= next_progress) {
        print_progress(now - start);
        next_progress = now + options_.progress_every;
      }
    }
    return finish(start);
  }

 private:
  bool interrupted() const { return options_.interrupt != nullptr && options_.interrupt->load(); }

  // One frame and what follows from it; false when the run must end.
  bool step() {
    if (interrupted()) {
      summary_.end = FuzzSummary::End::kInterrupted;
      return false;
    }
    const GeneratedFrame frame = generator_.next();
    const StreamShape shape = shape_of(frame.bytes);
    // The generator draws only what the policy permits; checked again here, at the send.
    const WritePolicy& policy = generator_.policy();
    if (!policy.permits(shape)) {
      ++summary_.refused;
      return true;
    }
    if (!shape.writes.empty()) {
      // Every register the writes reach is journalled before they go; none goes unjournalled.
      switch (journal_.prepare(client_, policy.touched(shape))) {
        case FuzzJournal::Prepared::kReady:
          break;
        case FuzzJournal::Prepared::kInterrupted:
          summary_.end = FuzzSummary::End::kInterrupted;
          return false;
        case FuzzJournal::Prepared::kReadFailed:
        case FuzzJournal::Prepared::kJournalFailed:
          ++summary_.writes_skipped;
          return true;
      }
      ++summary_.writes;
    }
    client::ClientExchange sent;
    if (shape.ends_partial) {
      // A device must wait for the rest of a partial frame, so no answer is right, and the
      // full timeout would only make these sends cost most of a run's time. They go alone on
      // a connection of their own with a short wait: a crash shows as a close within it, and
      // the probe afterwards (with the full timeout) tells a hang.
      sent = partial_client_.exchange_raw(frame.bytes);
      partial_client_.disconnect();
    } else {
      const bool was_connected = client_.connected();
      const auto reconnects = client_.reconnects();
      sent = client_.exchange_raw(frame.bytes);
      // The history is the frames on this connection: a new one starts it afresh.
      if (!was_connected || client_.reconnects() != reconnects) history_.clear();
      history_.push_back({frame.bytes, frame.kind});
      if (history_.size() > kMaxFindingFrames) history_.pop_front();
    }

    const Observed observed = observe(sent.status);
    if (observed == Observed::kInterrupted) {
      summary_.end = FuzzSummary::End::kInterrupted;
      return false;
    }
    ++summary_.frames;
    ++summary_.by_kind[static_cast<std::size_t>(frame.kind)];
    count(observed);
    if (!needs_probe(observed)) {
      // Leftover bytes must not join the next send (frame_stream.hpp), and a second answer
      // (glued frames) must not pass for the next send's.
      if (!shape.whole_frames || shape.frames != 1) client_.disconnect();
      return true;
    }

    ++summary_.probes;
    const auto answer = probe(client_, *options_.map, options_.unit);
    const Observed probed = observe(answer.status);
    if (probed == Observed::kInterrupted) {
      summary_.end = FuzzSummary::End::kInterrupted;
      return false;
    }
    const Verdict verdict = judge(observed, probed);
    if (verdict == Verdict::kNone) {
      history_.clear();  // the probe opened a new connection
      return true;
    }
    // A partial send went alone on its own connection: it alone reproduces the finding.
    if (shape.ends_partial) history_.assign(1, {frame.bytes, frame.kind});
    record(verdict, frame, sent, answer);
    return recover();
  }

  void count(Observed observed) {
    switch (observed) {
      case Observed::kAnswered:
        ++summary_.answered;
        break;
      case Observed::kUnframable:
        ++summary_.unframable;
        break;
      case Observed::kClosed:
      case Observed::kRefused:
        ++summary_.closed;
        break;
      case Observed::kNoAnswer:
        ++summary_.no_answer;
        break;
      case Observed::kInterrupted:
        break;
    }
  }

  void record(Verdict verdict, const GeneratedFrame& frame, const client::ClientExchange& sent,
              const client::ClientExchange& answer) {
    Finding finding;
    finding.kind = verdict;
    finding.frames.assign(history_.begin(), history_.end());
    finding.observed =
        fmt::format("after frame {} ({}): {}; then a valid read on a new connection: {}",
                    frame.index, kind_name(frame.kind), what_happened(sent), what_happened(answer));
    finding.map = std::string(options_.map->id);
    finding.unit = options_.unit;
    finding.seed = options_.seed;
    finding.frame_index = frame.index;
    finding.time = utc_now();
    auto stored = store_finding(options_.out_dir, finding);
    SavedFinding saved{std::move(finding), {}, {}};
    if (stored) {
      saved.path = stored.value();
    } else {
      saved.save_error = stored.error();
    }
    progress_ << fmt::format(
        "finding: {} after frame {} ({}){}\n", verdict_name(verdict), frame.index,
        kind_name(frame.kind),
        saved.path.empty() ? ", not saved: " + saved.save_error : ", saved as " + saved.path);
    progress_.flush();
    summary_.findings.push_back(std::move(saved));
    history_.clear();
  }

  // After a finding: restart the device with the command and wait for it, or stop.
  bool recover() {
    client_.disconnect();
    if (options_.restart_cmd.empty()) {
      summary_.end = FuzzSummary::End::kDeviceDown;
      summary_.reason = "the device is down and no --restart-cmd was given";
      return false;
    }
    progress_ << fmt::format("restarting the device: {}\n", options_.restart_cmd);
    progress_.flush();
    // --restart-wait bounds the command and the wait for the device together.
    const auto started = Clock::now();
    const auto ran =
        run_restart_command(options_.restart_cmd, options_.restart_wait, options_.interrupt);
    if (ran.end != CommandOutcome::End::kExited || ran.status != 0) {
      progress_ << fmt::format("the restart command {}\n", describe(ran, options_.restart_wait));
      progress_.flush();
    }
    const auto left =
        std::max(std::chrono::milliseconds(0),
                 options_.restart_wait -
                     std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started));
    if (!wait_until_alive(client_, *options_.map, options_.unit, left)) {
      if (interrupted()) {
        summary_.end = FuzzSummary::End::kInterrupted;
        return false;
      }
      summary_.end = FuzzSummary::End::kDeviceDown;
      summary_.reason = fmt::format("the device did not answer within {} ms of the restart",
                                    options_.restart_wait.count());
      return false;
    }
    ++summary_.restarts;
    history_.clear();
    return true;
  }

  void print_progress(Clock::duration elapsed) {
    progress_ << fmt::format(
        "{:.0f} s: {} frames sent, {} answered, {} closed, {} unanswered, {} finding{}\n",
        std::chrono::duration<double>(elapsed).count(), summary_.frames, summary_.answered,
        summary_.closed, summary_.no_answer, summary_.findings.size(),
        summary_.findings.size() == 1 ? "" : "s");
    progress_.flush();
  }

  FuzzSummary finish(Clock::time_point start) {
    const auto restore_start = Clock::now();
    summary_.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(restore_start - start);
    if (journal_.opened()) {
      // Whatever ended the run (its duration, a device down, an interrupt), what it wrote goes
      // back now, on a client that only a second signal interrupts.
      progress_ << "mbharness fuzz: restoring the registers written\n";
      progress_.flush();
      summary_.written =
          journal_.restore_all(options_.target, std::min(options_.timeout, kRestoreTimeout),
                               options_.rate, options_.abort_restore, options_.tap);
      summary_.journal_path = journal_.path();
    }
    summary_.journal_error = journal_.error();
    summary_.restore_elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - restore_start);
    return std::move(summary_);
  }

  const FuzzOptions& options_;
  std::ostream& progress_;
  client::ModbusClient client_;
  client::ModbusClient partial_client_;  // sends ending in a partial frame, one per connection
  FrameGenerator generator_;
  FuzzJournal journal_;
  std::deque<SentFrame> history_;
  FuzzSummary summary_;
};

}  // namespace

bool FuzzSummary::all_restored() const {
  return std::ranges::all_of(written, [](const WrittenRegister& w) { return w.restored; });
}

FuzzSummary run_network_fuzz(const FuzzOptions& options, std::ostream& progress) {
  return Run(options, progress).run();
}

}  // namespace mbh::netfuzz
