#include "harness/netfuzz/network_fuzzer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <map>
#include <optional>
#include <ostream>

#include "harness/client/modbus_client.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/netfuzz/device_probe.hpp"
#include "harness/netfuzz/finding_minimiser.hpp"
#include "harness/netfuzz/finding_store.hpp"
#include "harness/netfuzz/frame_generator.hpp"
#include "harness/netfuzz/frame_stream.hpp"
#include "harness/netfuzz/outcome_class.hpp"
#include "harness/netfuzz/replay_file.hpp"
#include "harness/netfuzz/restart_command.hpp"
#include "harness/netfuzz/round_trips.hpp"
#include "harness/netfuzz/verdict.hpp"
#include "harness/netfuzz/write_policy.hpp"

namespace mbh::netfuzz {
namespace {

using Clock = std::chrono::steady_clock;

// How long a send that a device may wait on waits at most (send_alone()), before round trips
// were measured: long enough for a reset from a device that crashed on it to arrive over a
// LAN; one that comes later still makes the probe fail, and the finding is then called a hang.
constexpr std::chrono::milliseconds kPartialWait{25};

// Answers, none dropped, after which frames of a kind go without a read behind them.
constexpr std::uint64_t kAnsweredAlone = 32;
// Reads lost behind an answered frame before frames go one at a time (send_with_probe).
constexpr std::uint64_t kPipelinedLossesToLearn = 3;
// Replays at most to minimise one finding (each that reproduces costs a restart).
constexpr std::size_t kMaxMinimiseReplays = 32;
// Frames a device may wait on, waited out with none answered, before they are not waited on.
constexpr std::uint64_t kWaitsToLearn = 8;

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

// What makes two findings the same failure (Run::save()).
struct FindingKey {
  Verdict kind;
  Anomaly anomaly;
  FrameKind frame_kind;
  int function;  // the frame's function byte; -1 for a frame too short to have one, or where
                 // the function does not matter
  auto operator<=>(const FindingKey&) const = default;
};

class Run {
 public:
  Run(const FuzzOptions& options, std::ostream& progress)
      : options_(options),
        progress_(progress),
        client_(options.target, {.connect_timeout = options.timeout,
                                 .response_timeout = options.timeout,
                                 .rate = options.rate,
                                 .interrupt = options.interrupt,
                                 .tap = options.tap,
                                 .reset_on_close = true}),
        partial_client_(options.target,
                        {.connect_timeout = options.timeout,
                         .response_timeout = std::min(options.timeout, kPartialWait),
                         .rate = options.rate,
                         .interrupt = options.interrupt,
                         .tap = options.tap,
                         .reset_on_close = true}),
        generator_({.map = options.map,
                    .unit = options.unit,
                    .seed = options.seed,
                    .allow_writes = options.allow_writes,
                    .allow_actuation = options.allow_actuation,
                    .allow_destructive = options.allow_destructive,
                    .feedback = options.feedback}),
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
    round_trips_.add(first.elapsed);
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
    // Only behind whole frames, with nothing left over, is a read sure to be read as one.
    const bool alone = !shape.whole_frames || shape.function_framer_waits;
    const Sent sent = alone ? send_alone(frame) : send_with_probe(frame);
    const std::optional<SentFrame> previous_unanswered_alone = std::move(unanswered_alone_);
    unanswered_alone_.reset();
    if (sent.alone && sent.frame == Observed::kNoAnswer) {
      unanswered_alone_ = SentFrame{frame.bytes, frame.kind, {}};
    }
    if (sent.frame == Observed::kInterrupted || sent.after == Observed::kInterrupted) {
      summary_.end = FuzzSummary::End::kInterrupted;
      return false;
    }
    ++summary_.frames;
    ++summary_.by_kind[static_cast<std::size_t>(frame.kind)];
    count(sent.frame);
    generator_.feedback(frame, classify_outcome(outcome_end(sent), sent.exchange.response));
    if (sent.anomaly != Anomaly::kNone) record_anomaly(sent.anomaly, frame, sent.exchange);
    if (sent.alive) {
      // Leftover bytes must not join the next send (frame_stream.hpp), and a second answer
      // (glued frames) must not pass for the next send's.
      if (!shape.whole_frames || shape.frames != 1) client_.disconnect();
      return true;
    }

    // The device said nothing more within the adaptive wait: a valid read on a new connection,
    // with the whole --timeout, decides.
    ++summary_.probes;
    client_.set_response_timeout(options_.timeout);
    const auto answer = probe(client_, *options_.map, options_.unit);
    if (!answer.request.empty()) ++summary_.reads;
    count_full_wait(answer, options_.timeout);
    const Observed probed = observe(answer.status);
    if (probed == Observed::kInterrupted) {
      summary_.end = FuzzSummary::End::kInterrupted;
      return false;
    }
    if (probed == Observed::kAnswered) round_trips_.add(answer.elapsed);
    const Verdict verdict = judge(sent.after, probed);
    if (verdict == Verdict::kNone) {
      history_.clear();  // the probe opened a new connection
      return true;
    }
    // A send that went alone on its own connection alone reproduces the finding. A frame sent
    // alone just before, that got no answer, may be the one the device fell over: the read
    // on the other connection may have been answered before the device read it. It goes in
    // front, and the minimiser tries it alone.
    if (sent.alone) history_.assign(1, {frame.bytes, frame.kind, {}});
    if (!sent.alone && previous_unanswered_alone) {
      history_.push_front(*previous_unanswered_alone);
      if (history_.size() > kMaxFindingFrames) history_.pop_back();
    }
    const auto saved = record(verdict, frame, sent.text, answer);
    if (!recover()) return false;
    return saved ? minimise(*saved) : true;
  }

  // What one send and the valid read behind it got.
  struct Sent {
    Observed frame = Observed::kNoAnswer;  // what the frame itself got
    Observed after = Observed::kNoAnswer;  // what the device did last: the verdict's input
    bool alive = false;                    // the valid read behind it was answered
    bool alone = false;                    // the frame went on a connection of its own
    std::string text;                      // what happened, for a finding
    Anomaly anomaly = Anomaly::kNone;      // what its answer shows wrong
    client::ClientExchange exchange;       // the frame's own
  };

  // The class of outcome the generator's feedback keeps (outcome_class.hpp).
  static OutcomeEnd outcome_end(const Sent& sent) {
    if (sent.anomaly == Anomaly::kSlow) return OutcomeEnd::kSlow;
    switch (sent.frame) {
      case Observed::kAnswered:
        return OutcomeEnd::kAnswered;
      case Observed::kUnframable:
        return OutcomeEnd::kUnframable;
      case Observed::kClosed:
      case Observed::kRefused:
        return OutcomeEnd::kClosed;
      case Observed::kNoAnswer:
      case Observed::kInterrupted:
        break;
    }
    return OutcomeEnd::kSilent;
  }

  void remember(const GeneratedFrame& frame, bool new_connection) {
    // The history is the frames on this connection: a new one starts it afresh.
    if (new_connection) history_.clear();
    history_.push_back({frame.bytes, frame.kind, {}});
    if (history_.size() > kMaxFindingFrames) history_.pop_front();
  }

  std::vector<std::byte> probe_adu(std::uint16_t frame_id) {
    // An id of its own, never the frame's: the generator counts up from 1, the probes from
    // the other half of the range.
    const auto id = static_cast<std::uint16_t>(frame_id ^ 0x8000U);
    const auto pdu = probe_pdu(*options_.map);
    std::vector<std::byte> adu(codec::kMbapSize + pdu.size());
    codec::encode_mbap(
        codec::MbapHeader{id, 0, static_cast<std::uint16_t>(pdu.size() + 1), options_.unit},
        std::span<std::byte>(adu).first<codec::kMbapSize>());
    std::ranges::copy(pdu, adu.begin() + codec::kMbapSize);
    return adu;
  }

  // The frame and, right behind it on the same connection, a valid read: its answer bounds the
  // wait for the frame's to a round trip (RoundTrips::wait() bounds it only one at a time). A
  // device that loses a request sent right behind another is learned: frames then go one at a time,
  // the read after them only when they got no answer.
  Sent send_with_probe(const GeneratedFrame& frame) {
    const bool was_connected = client_.connected();
    const auto reconnects = client_.reconnects();
    // Pipelined, a live device's answer to the read bounds the wait, so the whole --timeout
    // costs only a silent device, and a slow answer is seen. Frames of a kind the device has
    // always answered go alone (half the requests), waiting long enough to see a slow answer.
    KindRecord& record = kinds_[static_cast<std::size_t>(frame.kind)];
    const bool pipelined = pipelining_ && (record.dropped > 0 || record.answered < kAnsweredAlone);
    const auto wait = pipelined
                          ? options_.timeout
                          : std::min(options_.timeout, std::max(round_trips_.wait(options_.timeout),
                                                                2 * RoundTrips::kMinSlow));
    client_.set_response_timeout(wait);
    const std::uint16_t frame_id =
        frame.bytes.size() >= 2
            ? static_cast<std::uint16_t>(std::to_integer<unsigned>(frame.bytes[0]) * 256U +
                                         std::to_integer<unsigned>(frame.bytes[1]))
            : 0;
    Sent sent;
    client::ClientExchange frame_exchange;
    client::ClientExchange probe_exchange;
    bool probed = false;
    if (pipelined) {
      auto pair = client_.exchange_pipelined(frame.bytes, probe_adu(frame_id));
      if (!pair.probe.request.empty()) ++summary_.reads;
      frame_exchange = std::move(pair.frame);
      probe_exchange = std::move(pair.probe);
      probed = true;
      if (pair.frame_dropped) {
        ++summary_.dropped;
        ++record.dropped;
      }
    } else {
      frame_exchange = client_.exchange_raw(frame.bytes);
    }
    remember(frame, !was_connected || client_.reconnects() != reconnects);
    keep_answer(frame_exchange);
    count_full_wait(probed ? probe_exchange : frame_exchange, wait);
    sent.frame = observe(frame_exchange.status);
    sent.anomaly = anomaly_of(frame, frame_exchange, sent.frame);
    if (sent.anomaly == Anomaly::kNone && strays_wrong(frame.bytes, probe_exchange.discarded)) {
      sent.anomaly = Anomaly::kWrongTransaction;
    }
    sent.exchange = frame_exchange;
    if (sent.frame == Observed::kAnswered && sent.anomaly != Anomaly::kSlow) {
      round_trips_.add(frame_exchange.elapsed);
    }
    if (!probed && needs_probe(sent.frame) && sent.frame != Observed::kInterrupted &&
        client_.connected()) {
      // One at a time: the read goes after the frame's silence, on the same connection.
      client_.set_response_timeout(options_.timeout);
      probe_exchange = client_.exchange(options_.unit, probe_pdu(*options_.map));
      if (!probe_exchange.request.empty()) ++summary_.reads;
      probed = true;
      if (sent.frame == Observed::kNoAnswer &&
          probe_exchange.status == client::ExchangeStatus::kAnswered) {
        ++summary_.dropped;
        ++record.dropped;  // its kind goes pipelined again
      }
    }
    if (sent.frame == Observed::kAnswered) ++record.answered;
    const Observed probe_observed = probed ? observe(probe_exchange.status) : Observed::kNoAnswer;
    // After an answer, what the read behind it got says whether the device is still there.
    sent.after = sent.frame == Observed::kAnswered && probed ? probe_observed : sent.frame;
    sent.alive = !needs_probe(sent.after) || probe_observed == Observed::kAnswered;
    if (pipelined && sent.frame == Observed::kAnswered) {
      learn_pipelining(probe_observed == Observed::kAnswered);
    }
    sent.text = fmt::format(
        "{}{}", what_happened(frame_exchange),
        probed ? fmt::format("; a valid read right behind it: {}", what_happened(probe_exchange))
               : std::string());
    return sent;
  }

  // A frame a device may wait on for more bytes (partial by its MBAP length, or by its function
  // code and byte count), or that a device cannot frame, or bytes left over after the frames
  // goes alone on a connection of its own, and the valid read on the main connection: behind
  // the frame, it would be taken for the rest of it, or skipped with it. A device that has
  // waited out kWaitsToLearn such frames and answered none is not waited on any more: the read
  // goes at once, and the frame's connection is closed once it is answered.
  Sent send_alone(const GeneratedFrame& frame) {
    const bool wait = !(waits_out_ >= kWaitsToLearn && answers_partial_ == 0);
    client::ClientExchange exchange;
    if (wait) {
      partial_client_.set_response_timeout(round_trips_.short_wait(kPartialWait));
      exchange = partial_client_.exchange_raw(frame.bytes);
    } else {
      exchange = partial_client_.send_raw(frame.bytes);
    }
    Sent sent;
    sent.alone = true;
    sent.frame = observe(exchange.status);
    sent.after = sent.frame;
    sent.text = what_happened(exchange);
    sent.anomaly = anomaly_of(frame, exchange, sent.frame);
    sent.exchange = exchange;
    if (!needs_probe(sent.frame)) {
      partial_client_.disconnect();
      if (sent.frame == Observed::kAnswered) ++answers_partial_;
      sent.alive = true;
      return sent;
    }
    // On a connection of its own: a live device answers it within a round trip.
    const auto read_wait = options_.timeout;
    client_.set_response_timeout(read_wait);
    const auto read = client_.exchange(options_.unit, probe_pdu(*options_.map));
    if (!read.request.empty()) ++summary_.reads;
    count_full_wait(read, read_wait);
    partial_client_.disconnect();
    const Observed read_observed = observe(read.status);
    const bool read_cut_off =
        read_observed == Observed::kClosed || read_observed == Observed::kRefused;
    if (sent.frame == Observed::kNoAnswer && (!wait || read_cut_off)) {
      // Not waited on, or waited on too briefly for a crash's reset to arrive: what the read
      // got is what there is to go by (a device gone takes its connections with it).
      sent.after = read_observed;
      sent.text += fmt::format("; a valid read on another connection: {}", what_happened(read));
    }
    if (read_observed == Observed::kInterrupted) sent.after = Observed::kInterrupted;
    sent.alive = read_observed == Observed::kAnswered;
    if (sent.alive) {
      round_trips_.add(read.elapsed);
      if (sent.frame == Observed::kNoAnswer) {
        ++summary_.waited;
        ++waits_out_;
      }
    }
    return sent;
  }

  // Requests sent right behind another: a device that answers the frame but not the read
  // behind it, again and again, handles one request per read of its socket.
  void learn_pipelining(bool probe_answered) {
    if (probe_answered) {
      ++pipelined_answered_;
      return;
    }
    if (++pipelined_lost_ >= kPipelinedLossesToLearn && pipelined_lost_ > pipelined_answered_) {
      pipelining_ = false;
      summary_.pipelining = false;
      progress_ << "mbharness fuzz: the device does not answer a request sent right behind "
                   "another; frames go one at a time from now on\n";
      progress_.flush();
    }
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

  // The new finding's entry in summary_.findings; nothing when it repeats one found before.
  std::optional<std::size_t> record(Verdict verdict, const GeneratedFrame& frame,
                                    const std::string& sent, const client::ClientExchange& answer) {
    Finding finding;
    finding.kind = verdict;
    finding.frames.assign(history_.begin(), history_.end());
    finding.observed =
        fmt::format("after frame {} ({}): {}; then a valid read on a new connection: {}",
                    frame.index, kind_name(frame.kind), sent, what_happened(answer));
    auto saved = save(std::move(finding), frame);
    history_.clear();
    return saved;
  }

  // An answer that is wrong without the device being down: saved once per kind of anomaly and
  // function, with the frame that drew it alone (what the device answers does not depend on
  // the frames before it in any of these), and counted; the run goes on.
  void record_anomaly(Anomaly anomaly, const GeneratedFrame& frame,
                      const client::ClientExchange& exchange) {
    Finding finding;
    finding.kind = Verdict::kAnomaly;
    finding.anomaly = anomaly;
    finding.frames.assign(1, SentFrame{frame.bytes, frame.kind, answer_of(exchange)});
    finding.observed = fmt::format(
        "after frame {} ({}): {}; answered in {:.1f} ms{}", frame.index, kind_name(frame.kind),
        anomaly_text(anomaly), static_cast<double>(exchange.elapsed.count()) / 1000.0,
        anomaly == Anomaly::kSlow
            ? fmt::format(" (the device's p99 is {:.1f} ms)",
                          static_cast<double>(round_trips_.percentile(99).count()) / 1000.0)
            : std::string());
    save(std::move(finding), frame);
  }

  // One finding per distinct failure, counted on the first one's entry, not saved again: a
  // crash or hang after a frame of the same kind and function; an anomaly to the same
  // function, whatever the frame's kind (a wrong answer is the device's handler's, not the
  // frame's); an answer to protocol id not 0 once (bit flips give it every function byte).
  std::optional<std::size_t> save(Finding finding, const GeneratedFrame& frame) {
    const bool anomaly = finding.kind == Verdict::kAnomaly;
    const int function = frame.bytes.size() > codec::kMbapSize &&
                                 finding.anomaly != Anomaly::kAnsweredForeignProtocol
                             ? std::to_integer<int>(frame.bytes[7])
                             : -1;
    const FindingKey key{finding.kind, finding.anomaly,
                         anomaly ? FrameKind::kModelRead : frame.kind, function};
    if (const auto seen = seen_.find(key); seen != seen_.end()) {
      SavedFinding& first = summary_.findings[seen->second];
      ++first.count;
      progress_ << fmt::format("finding: {} after frame {} ({}) again: {} times, as {}\n",
                               finding_name(finding), frame.index, kind_name(frame.kind),
                               first.count, first.path.empty() ? "before" : first.path);
      progress_.flush();
      return std::nullopt;
    }
    finding.map = std::string(options_.map->id);
    finding.unit = options_.unit;
    finding.seed = options_.seed;
    finding.frame_index = frame.index;
    finding.time = utc_now();
    finding.tool_version = options_.tool_version;
    finding.target = client::target_text(options_.target);
    auto stored = store_finding(options_.out_dir, finding);
    SavedFinding saved{std::move(finding), {}, {}, 1};
    if (stored) {
      saved.path = stored.value();
    } else {
      saved.save_error = stored.error();
    }
    progress_ << fmt::format(
        "finding: {} after frame {} ({}){}\n", finding_name(saved.finding), frame.index,
        kind_name(frame.kind),
        saved.path.empty() ? ", not saved: " + saved.save_error : ", saved as " + saved.path);
    progress_.flush();
    seen_.emplace(key, summary_.findings.size());
    summary_.findings.push_back(std::move(saved));
    return summary_.findings.size() - 1;
  }

  // With the device restarted: the finding shrunk to the fewest frames that still bring it
  // down (finding_minimiser.hpp), its file rewritten. False when the device stays down.
  bool minimise(std::size_t index) {
    SavedFinding& saved = summary_.findings[index];
    const std::size_t before = saved.finding.frames.size();
    if (before <= 1) return true;
    progress_ << fmt::format("minimising the finding ({} frames)\n", before);
    progress_.flush();
    const Minimised shrunk =
        minimise_finding(saved.finding, {.map = options_.map,
                                         .target = options_.target,
                                         .timeout = options_.timeout,
                                         .max_replays = kMaxMinimiseReplays,
                                         .restart = [this] { return restart_device(); },
                                         .interrupt = options_.interrupt,
                                         .tap = options_.tap});
    if (shrunk.frames.size() < before) {
      saved.finding.frames = shrunk.frames;
      saved.finding.observed +=
          fmt::format(" (minimised from {} frames in {} replays)", before, shrunk.replays);
      if (!saved.path.empty()) {
        if (auto problem = rewrite_finding(saved.path, saved.finding)) {
          progress_ << fmt::format("the minimised finding was not saved: {}\n", *problem);
        }
      }
    }
    progress_ << fmt::format("minimised: {} frame{} of {} reproduce{} ({} replays)\n",
                             saved.finding.frames.size(),
                             saved.finding.frames.size() == 1 ? "" : "s", before,
                             saved.finding.frames.size() == 1 ? "s" : "", shrunk.replays);
    progress_.flush();
    if (interrupted()) {
      summary_.end = FuzzSummary::End::kInterrupted;
      return false;
    }
    if (!shrunk.device_up) {
      summary_.end = FuzzSummary::End::kDeviceDown;
      summary_.reason = fmt::format(
          "the device did not answer within {} ms of a restart while the finding was minimised",
          options_.restart_wait.count());
      return false;
    }
    return true;
  }

  // What an answered frame shows wrong, if anything: the exchange's strays, the answer, its
  // round trip.
  Anomaly anomaly_of(const GeneratedFrame& frame, const client::ClientExchange& exchange,
                     Observed observed) const {
    if (strays_wrong(frame.bytes, exchange.discarded)) return Anomaly::kWrongTransaction;
    if (observed != Observed::kAnswered && observed != Observed::kUnframable) {
      return Anomaly::kNone;
    }
    const Anomaly in_answer = anomaly_in(frame.bytes, exchange.response);
    if (in_answer != Anomaly::kNone || observed != Observed::kAnswered) return in_answer;
    return round_trips_.slow(exchange.elapsed) ? Anomaly::kSlow : Anomaly::kNone;
  }

  // What a replay file keeps of an answer: the bytes as they came, as many as a frame holds.
  static std::vector<std::byte> answer_of(const client::ClientExchange& exchange) {
    const auto& response = exchange.response;
    return {response.begin(), response.begin() + static_cast<std::ptrdiff_t>(
                                                     std::min(response.size(), kMaxFrameBytes))};
  }

  void keep_answer(const client::ClientExchange& exchange) {
    if (!history_.empty()) history_.back().answer = answer_of(exchange);
  }

  // A wait that ran to the whole --timeout: what the adaptive wait and the read behind each
  // frame are there to make rare.
  void count_full_wait(const client::ClientExchange& exchange, std::chrono::milliseconds wait) {
    if (exchange.status == client::ExchangeStatus::kTimeout && wait >= options_.timeout) {
      ++summary_.full_waits;
    }
  }

  // After a finding: restart the device with the command and wait for it, or stop.
  bool recover() {
    client_.disconnect();
    if (options_.restart_cmd.empty()) {
      summary_.end = FuzzSummary::End::kDeviceDown;
      summary_.reason = "the device is down and no --restart-cmd was given";
      return false;
    }
    if (!restart_device()) {
      if (interrupted()) {
        summary_.end = FuzzSummary::End::kInterrupted;
        return false;
      }
      summary_.end = FuzzSummary::End::kDeviceDown;
      summary_.reason = fmt::format("the device did not answer within {} ms of the restart",
                                    options_.restart_wait.count());
      return false;
    }
    history_.clear();
    return true;
  }

  // Runs --restart-cmd and waits for the device to answer; whether it does.
  bool restart_device() {
    client_.disconnect();
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
    if (!wait_until_alive(client_, *options_.map, options_.unit, left)) return false;
    ++summary_.restarts;
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
    summary_.classes = generator_.classes_seen();
    summary_.round_trip_p50 = round_trips_.percentile(50);
    summary_.round_trip_p99 = round_trips_.percentile(99);
    summary_.wait = round_trips_.wait(options_.timeout);
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
  std::map<FindingKey, std::size_t> seen_;
  std::optional<SentFrame> unanswered_alone_;  // the last send, when it went alone unanswered  // a
                                               // finding's key: its entry in summary_.findings
  RoundTrips round_trips_;
  bool pipelining_ = true;
  std::uint64_t pipelined_answered_ = 0;
  std::uint64_t pipelined_lost_ = 0;
  // Per frame kind: what the device did with them (send_with_probe()).
  struct KindRecord {
    std::uint64_t answered = 0;
    std::uint64_t dropped = 0;
  };
  std::array<KindRecord, kFrameKindCount> kinds_{};
  std::uint64_t waits_out_ = 0;        // frames a device may wait on, that it did wait on
  std::uint64_t answers_partial_ = 0;  // ... that it answered
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
