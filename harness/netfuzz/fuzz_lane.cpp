#include "harness/netfuzz/fuzz_lane.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "harness/codec/mbap_header.hpp"
#include "harness/netfuzz/device_probe.hpp"
#include "harness/netfuzz/finding_minimiser.hpp"
#include "harness/netfuzz/finding_store.hpp"
#include "harness/netfuzz/frame_generator.hpp"
#include "harness/netfuzz/frame_stream.hpp"
#include "harness/netfuzz/outcome_class.hpp"
#include "harness/netfuzz/replay_file.hpp"
#include "harness/netfuzz/restart_command.hpp"
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
constexpr std::size_t kMaxMinimiseReplays = 48;
// The connection ids of frames sent alone (recorded()), apart from the main connection's.
constexpr std::uint64_t kAloneConnections = std::uint64_t{1} << 39;
// Frames a device may wait on, waited out with none answered, before they are not waited on.
constexpr std::uint64_t kWaitsToLearn = 8;

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  const std::size_t size = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return std::string(text, size);
}

// A crash or hang, as step() saw it, for handle_down().
struct Down {
  Verdict verdict = Verdict::kNone;
  GeneratedFrame frame;
  std::string sent;               // what the send got
  client::ClientExchange answer;  // the valid read on a new connection
};

// One connection's share of --rate, waiting `wait` for answers.
client::ClientOptions lane_client_options(const FuzzOptions& options, std::size_t lanes,
                                          std::chrono::milliseconds wait) {
  client::ClientOptions client = fuzz_client_options(options);
  client.response_timeout = wait;
  client.rate = options.rate / static_cast<double>(lanes);
  return client;
}

}  // namespace

class FuzzLane::Loop {
 public:
  Loop(const FuzzOptions& options, FuzzShared& shared, std::size_t lane, std::size_t lanes)
      : options_(options),
        shared_(shared),
        lane_(lane),
        lanes_(lanes),
        client_(options.target, lane_client_options(options, lanes, options.timeout)),
        partial_client_(
            options.target,
            lane_client_options(options, lanes, std::min(options.timeout, kPartialWait))),
        generator_({.map = options.map,
                    .unit = options.unit,
                    .seed = options.seed + lane,
                    .allow_writes = options.allow_writes,
                    .allow_actuation = options.allow_actuation,
                    .allow_destructive = options.allow_destructive,
                    .feedback = options.feedback}) {}

  // The valid read before the first frame, on this connection, tried again for `patience` (a
  // device still counting connections just closed).
  client::ClientExchange open(std::chrono::milliseconds patience) {
    auto first = probe_until_answered(client_, *options_.map, options_.unit, patience,
                                      std::chrono::milliseconds(20));
    if (first.status == client::ExchangeStatus::kAnswered) round_trips_.add(first.elapsed);
    return first;
  }

  // Fuzzes until the duration passes, the frames are all sent or the run ends for every
  // connection.
  void run(Clock::time_point start) {
    auto next_progress = start + options_.progress_every;
    while (!shared_.stop.load()) {
      std::uint64_t epoch = shared_.gate.enter();
      std::optional<Down> down;
      const bool go = step(down, epoch);
      shared_.gate.leave();
      if (down && !handle_down(*down, epoch)) break;
      if (!go) break;
      const auto now = Clock::now();
      if (options_.duration.count() > 0 && now - start >= options_.duration) break;
      if (options_.max_frames > 0 && shared_.frames.load() >= options_.max_frames) break;
      if (lane_ == 0 && now >= next_progress) {
        print_progress(now - start);
        next_progress = now + options_.progress_every;
      }
    }
    client_.disconnect();
    partial_client_.disconnect();
    end_drip();
  }

  // This connection's counters, the shared findings and end left out.
  const FuzzSummary& summary() const { return summary_; }
  std::size_t classes_seen() const { return generator_.classes_seen(); }
  const RoundTrips& round_trips() const { return round_trips_; }
  // The frame sent last, for a finding another connection records (handle_down()).
  const SentFrame* last_sent() const { return history_.empty() ? nullptr : &history_.back(); }
  // With the gate alone: the frames the other connections sent last, which may as well be what
  // brought the device down (with_others()).
  void set_neighbours(std::vector<const FuzzLane*> others) { others_ = std::move(others); }

 private:
  bool interrupted() const { return options_.interrupt != nullptr && options_.interrupt->load(); }

  void say(const std::string& text) { shared_.say(text); }

  // One frame and what follows from it; false when the run must end. A crash or hang goes to
  // `down`, for handle_down() outside the gate.
  bool step(std::optional<Down>& down, std::uint64_t& epoch) {
    if (interrupted()) {
      shared_.end(FuzzSummary::End::kInterrupted, {});
      return false;
    }
    tend_drip();
    GeneratedFrame frame = generator_.next();
    // Connections held, and a drip's, take slots of a device that serves few at once: one
    // connection holds them (the first), and drips only when it fuzzes alone (another's new
    // connection refused for want of a slot would pass for a crash).
    if ((frame.kind == FrameKind::kHeldConnections && lane_ != 0) ||
        (frame.kind == FrameKind::kSlowDrip && lanes_ > 1)) {
      frame.kind = FrameKind::kModelRead;
    }
    // One numbering for the run, in the order the connections draw their frames: with one
    // connection, the generator's own.
    frame.index = shared_.drawn.fetch_add(1);
    const StreamShape shape = shape_of(frame.bytes);
    // The generator draws only what the policy permits; checked again here, at the send.
    const WritePolicy& policy = generator_.policy();
    if (!policy.permits(shape)) {
      ++summary_.refused;
      return true;
    }
    if (!shape.writes.empty()) {
      // Every register the writes reach is journalled before they go; none goes unjournalled.
      FuzzJournal::Prepared prepared;
      {
        const std::scoped_lock lock(shared_.journal_mutex);
        prepared = shared_.journal.prepare(client_, policy.touched(shape));
        shared_.pass_journal_notes();
      }
      switch (prepared) {
        case FuzzJournal::Prepared::kReady:
          break;
        case FuzzJournal::Prepared::kInterrupted:
          shared_.end(FuzzSummary::End::kInterrupted, {});
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
    // Connections held while the read goes, closed after it, with the gate alone: the others'
    // new connections would be refused meanwhile.
    bool holding = frame.kind == FrameKind::kHeldConnections;
    if (holding && lanes_ > 1) {
      shared_.gate.leave();
      holding = shared_.gate.take(epoch);
      if (!holding) {
        epoch = shared_.gate.enter();
        frame.kind = FrameKind::kModelRead;
      }
    }
    std::vector<std::unique_ptr<client::ModbusClient>> held;
    if (holding) held = hold_connections(frame);
    const bool drips = frame.kind == FrameKind::kSlowDrip && !drip_;
    const Sent sent = drips   ? start_drip(frame)
                      : alone ? send_alone(frame)
                              : send_with_probe(frame);
    if (holding) {
      held.clear();
      std::this_thread::sleep_for(kHeldSettle);  // the device lets go of them
      if (lanes_ > 1) {
        shared_.gate.release();
        epoch = shared_.gate.enter();
      }
    }
    // A frame sent alone went on a connection of its own.
    std::optional<SentFrame> sent_alone;
    if (sent.alone) sent_alone = recorded(frame, kAloneConnections | ++alone_sends_);
    const std::optional<SentFrame> previous_unanswered_alone = std::move(unanswered_alone_);
    unanswered_alone_.reset();
    if (sent.alone && sent.frame == Observed::kNoAnswer) unanswered_alone_ = sent_alone;
    if (sent.frame == Observed::kInterrupted || sent.after == Observed::kInterrupted) {
      shared_.end(FuzzSummary::End::kInterrupted, {});
      return false;
    }
    ++summary_.frames;
    ++shared_.frames;
    ++summary_.by_kind[static_cast<std::size_t>(frame.kind)];
    count(sent.frame);
    generator_.feedback(frame, classify_outcome(outcome_end(sent), sent.exchange.response));
    if (sent.anomaly != Anomaly::kNone) record_anomaly(sent.anomaly, frame, sent.exchange);
    if (sent.alive) {
      // A drip that has ended and a read answered since: its bytes brought nothing down.
      if (!drip_) drip_sends_.clear();
      // Leftover bytes must not join the next send (frame_stream.hpp), and a second answer
      // (glued frames) must not pass for the next send's.
      if (!shape.whole_frames || shape.frames != 1) client_.disconnect();
      return true;
    }

    // The device said nothing more within the adaptive wait: a valid read on a new connection,
    // with the whole --timeout, decides; a drip's connection let go first (a device that serves
    // few connections may have no slot for the read otherwise), its bytes kept for a finding.
    if (drip_) {
      drip_->client->disconnect();
      drip_.reset();
      std::this_thread::sleep_for(kHeldSettle);
    }
    ++summary_.probes;
    client_.set_response_timeout(options_.timeout);
    const auto answer = probe(client_, *options_.map, options_.unit);
    if (!answer.request.empty()) ++summary_.reads;
    count_full_wait(answer, options_.timeout);
    const Observed probed = observe(answer.status);
    if (probed == Observed::kInterrupted) {
      shared_.end(FuzzSummary::End::kInterrupted, {});
      return false;
    }
    if (probed == Observed::kAnswered) round_trips_.add(answer.elapsed);
    const Verdict verdict = judge(sent.after, probed);
    if (verdict == Verdict::kNone) {
      history_.clear();  // the probe opened a new connection
      return true;
    }
    history_ = frames_before_down(std::move(history_), sent_alone, previous_unanswered_alone);
    with_drip(history_);
    down = Down{verdict, frame, sent.text, answer};
    return true;
  }

  // The device went down after this connection's send: with the gate alone (the other
  // connections stopped), the finding is recorded, the device restarted and the finding
  // minimised. A connection that saw the device down after another had dealt with it drops its
  // connection and goes on. False when the run ends.
  bool handle_down(const Down& down, std::uint64_t epoch) {
    end_drip();  // the device went down: its connection with it
    if (!shared_.gate.take(epoch)) {
      client_.disconnect();
      partial_client_.disconnect();
      history_.clear();
      return !shared_.stop.load();
    }
    const auto saved = record(down.verdict, down.frame, down.sent, down.answer);
    const bool go = recover() && (!saved || minimise(*saved));
    shared_.gate.release();
    return go;
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
    history_.push_back(recorded(frame, client_.reconnects()));
    if (history_.size() > kMaxFindingFrames) history_.pop_front();
  }

  // A frame as a finding keeps it: the connection it went on (an id unique in the run: this
  // lane's number, then the main connection's count of reconnects, or kAloneConnections and
  // the count of frames sent alone) and when, after the run began.
  SentFrame recorded(const GeneratedFrame& frame, std::uint64_t connection) const {
    SentFrame sent;
    sent.bytes = frame.bytes;
    sent.kind = frame.kind;
    sent.connection = (static_cast<std::uint64_t>(lane_) << 40) | connection;
    sent.at_ms = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - shared_.started)
            .count());
    return sent;
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
    // A read in pieces goes alone: the read behind it would join its last piece.
    const bool split = frame.kind == FrameKind::kSplitBytes;
    const bool pipelined =
        !split && pipelining_ && (record.dropped > 0 || record.answered < kAnsweredAlone);
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
      frame_exchange = split ? client_.exchange_in_pieces(frame.bytes, kPieceGap)
                             : client_.exchange_raw(frame.bytes);
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

  // A client of its own (a held connection, a drip's), as this connection's main one is.
  std::unique_ptr<client::ModbusClient> another_connection() const {
    return std::make_unique<client::ModbusClient>(
        options_.target, lane_client_options(options_, lanes_, options_.timeout));
  }

  // kHeldConnectionCount connections opened at once, nothing sent on them, each recorded as an
  // empty frame (replay opens them again); fewer when the device refuses one, as a device with
  // a connection limit may. The main connection is opened first, so that it is not the one
  // refused.
  std::vector<std::unique_ptr<client::ModbusClient>> hold_connections(const GeneratedFrame& read) {
    std::vector<std::unique_ptr<client::ModbusClient>> held;
    if (!client_.connected() && !client_.connect()) return held;
    const GeneratedFrame opened{{}, FrameKind::kHeldConnections, read.index};
    for (std::size_t i = 0; i < kHeldConnectionCount && !interrupted(); ++i) {
      auto connection = another_connection();
      if (!connection->connect()) break;
      history_.push_back(recorded(opened, kAloneConnections | ++alone_sends_));
      held.push_back(std::move(connection));
    }
    while (history_.size() > kMaxFindingFrames)
      history_.pop_front();
    // A connection is up for the client before the device has taken it in: the read goes once
    // it has had time to, or a device that falls over the count would be blamed on the next.
    std::this_thread::sleep_for(kHeldSettle);
    return held;
  }

  // A slow drip: the read's first byte on a connection of its own, the rest one every
  // kDripGap as the run goes on (tend_drip()); the device must go on answering meanwhile, which
  // a valid read on the main connection asks at once.
  Sent start_drip(const GeneratedFrame& frame) {
    drip_sends_.clear();
    drip_ = Drip{another_connection(), frame.bytes, 0, {}, kAloneConnections | ++alone_sends_};
    const bool dripping = drip_next();
    client_.set_response_timeout(options_.timeout);
    const auto read = client_.exchange(options_.unit, probe_pdu(*options_.map));
    if (!read.request.empty()) ++summary_.reads;
    count_full_wait(read, options_.timeout);
    Sent sent;
    sent.alone = true;
    sent.frame = observe(read.status);
    sent.after = sent.frame;
    sent.alive = sent.frame == Observed::kAnswered;
    if (sent.alive) round_trips_.add(read.elapsed);
    sent.text = fmt::format(
        "{}; a valid read on the main connection: {}",
        dripping
            ? fmt::format("the first byte of a valid read sent on a connection of its own (one "
                          "byte every {} ms from then on)",
                          kDripGap.count())
            : std::string("the connection for a slow drip could not be used"),
        what_happened(read));
    sent.exchange = read;
    return sent;
  }

  // The drip's next byte when it is due; the drip ends after its last byte.
  void tend_drip() {
    if (!drip_ || Clock::now() < drip_->next) return;
    if (!drip_next() || drip_->sent == drip_->bytes.size()) {
      drip_->client->disconnect();
      drip_.reset();  // its sends stay until a read is answered after them
    }
  }

  // Sends the drip's next byte, recorded as a frame of its own; false when it could not go.
  bool drip_next() {
    Drip& drip = *drip_;
    const auto byte = std::span<const std::byte>(drip.bytes).subspan(drip.sent, 1);
    const auto sent = drip.client->send_raw(byte);
    if (sent.status != client::ExchangeStatus::kTimeout) return false;
    drip_sends_.push_back(recorded(
        GeneratedFrame{{byte.begin(), byte.end()}, FrameKind::kSlowDrip, 0}, drip.connection));
    ++drip.sent;
    drip.next = Clock::now() + kDripGap;
    return true;
  }

  void end_drip() {
    if (drip_) drip_->client->disconnect();
    drip_.reset();
    drip_sends_.clear();
  }

  // A finding while a drip goes (or just ended): its bytes among the frames, in the order
  // they went.
  void with_drip(std::deque<SentFrame>& frames) const {
    if (drip_sends_.empty()) return;
    frames.insert(frames.end(), drip_sends_.begin(), drip_sends_.end());
    std::ranges::stable_sort(frames, {}, &SentFrame::at_ms);
    while (frames.size() > kMaxFindingFrames)
      frames.pop_front();
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
      say(
          fmt::format("mbharness fuzz: the device does not answer a request sent right behind "
                      "another; frames go one at a time from now on{}\n",
                      lanes_ > 1 ? fmt::format(" (connection {})", lane_ + 1) : std::string()));
    }
  }

  void count(Observed observed) {
    switch (observed) {
      case Observed::kAnswered:
        ++summary_.answered;
        ++shared_.answered;
        break;
      case Observed::kUnframable:
        ++summary_.unframable;
        break;
      case Observed::kClosed:
      case Observed::kRefused:
        ++summary_.closed;
        ++shared_.closed;
        break;
      case Observed::kNoAnswer:
        ++summary_.no_answer;
        ++shared_.no_answer;
        break;
      case Observed::kInterrupted:
        break;
    }
  }

  // The new finding's entry in the shared findings; nothing when it repeats one found before.
  std::optional<std::size_t> record(Verdict verdict, const GeneratedFrame& frame,
                                    const std::string& sent, const client::ClientExchange& answer) {
    Finding finding;
    finding.kind = verdict;
    finding.frames = with_others();
    finding.observed = fmt::format(
        "after frame {} ({}{}): {}; then a valid read on a new connection: {}", frame.index,
        kind_name(frame.kind),
        lanes_ > 1 ? fmt::format(", connection {} of {}", lane_ + 1, lanes_) : std::string(), sent,
        what_happened(answer));
    // A drip's bytes go between the frames: the one blamed may only have found the device down.
    const auto dripped = std::ranges::count(finding.frames, FrameKind::kSlowDrip, &SentFrame::kind);
    if (dripped > 0 && frame.kind != FrameKind::kSlowDrip) {
      finding.observed += fmt::format(
          " (a slow drip was going on: {} byte{} of a read sent on a connection of its own, {} "
          "ms apart)",
          dripped, dripped == 1 ? "" : "s", kDripGap.count());
    }
    auto saved = save(std::move(finding), frame);
    history_.clear();
    return saved;
  }

  // This connection's frames, and in front of its last one the last frame of each other
  // connection (any of them may have brought the device down first; the minimiser tries each
  // alone). Read with the gate alone: the others are between sends.
  std::vector<SentFrame> with_others() const {
    std::vector<SentFrame> frames(history_.begin(), history_.end());
    if (frames.empty()) return frames;
    const SentFrame own_last = frames.back();
    frames.pop_back();
    for (const FuzzLane* other : others_) {
      if (const SentFrame* last = other->last_sent()) frames.push_back(*last);
    }
    frames.push_back(own_last);
    number_connections(frames);
    const std::size_t over =
        frames.size() > kMaxFindingFrames ? frames.size() - kMaxFindingFrames : 0;
    frames.erase(frames.begin(), frames.begin() + static_cast<std::ptrdiff_t>(over));
    return frames;
  }

  // An answer that is wrong without the device being down: saved once per kind of anomaly and
  // function, with the frame that drew it alone (what the device answers does not depend on
  // the frames before it in any of these), and counted; the run goes on.
  void record_anomaly(Anomaly anomaly, const GeneratedFrame& frame,
                      const client::ClientExchange& exchange) {
    Finding finding;
    finding.kind = Verdict::kAnomaly;
    finding.anomaly = anomaly;
    finding.frames.assign(1, recorded(frame, 0));
    finding.frames.front().answer = answer_of(exchange);
    number_connections(finding.frames);
    finding.observed = fmt::format(
        "after frame {} ({}): {}; answered in {:.1f} ms{}", frame.index, kind_name(frame.kind),
        anomaly_text(anomaly), static_cast<double>(exchange.elapsed.count()) / 1000.0,
        anomaly == Anomaly::kSlow
            ? fmt::format(" (the device's p99 is {:.1f} ms)",
                          static_cast<double>(round_trips_.percentile(99).count()) / 1000.0)
            : std::string());
    save(std::move(finding), frame);
  }

  // One finding per distinct failure (finding_key()), counted on the first one's entry, not
  // saved again.
  std::optional<std::size_t> save(Finding finding, const GeneratedFrame& frame) {
    const FindingKey key = finding_key(finding, recorded(frame, 0));
    const std::scoped_lock lock(shared_.book_mutex);
    if (const auto seen = shared_.seen.find(key); seen != shared_.seen.end()) {
      SavedFinding& first = shared_.findings[seen->second];
      ++first.count;
      say(fmt::format("finding: {} after frame {} ({}) again: {} times, as {}\n",
                      finding_name(finding), frame.index, kind_name(frame.kind), first.count,
                      first.path.empty() ? "before" : first.path));
      return std::nullopt;
    }
    finding.map = std::string(options_.map->id);
    finding.unit = options_.unit;
    finding.seed = options_.seed + lane_;
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
    say(fmt::format(
        "finding: {} after frame {} ({}){}\n", finding_name(saved.finding), frame.index,
        kind_name(frame.kind),
        saved.path.empty() ? ", not saved: " + saved.save_error : ", saved as " + saved.path));
    shared_.seen.emplace(key, shared_.findings.size());
    shared_.findings.push_back(std::move(saved));
    return shared_.findings.size() - 1;
  }

  // With the device restarted: the finding shrunk to the fewest and shortest frames that still
  // bring it down (finding_minimiser.hpp), its file rewritten. False when the device stays down.
  bool minimise(std::size_t index) {
    // With the gate alone: no other connection adds a finding meanwhile.
    SavedFinding& saved = shared_.findings[index];
    const std::size_t before = saved.finding.frames.size();
    const std::size_t bytes_before = byte_count(saved.finding.frames);
    say(fmt::format("minimising the finding ({} frame{}, {} bytes)\n", before,
                    before == 1 ? "" : "s", bytes_before));
    const Minimised shrunk =
        minimise_finding(saved.finding, {.map = options_.map,
                                         .target = options_.target,
                                         .timeout = options_.timeout,
                                         .max_replays = kMaxMinimiseReplays,
                                         .alone_tries = 1 + lanes_,
                                         .restart = [this] { return restart_device(); },
                                         .interrupt = options_.interrupt,
                                         .tap = options_.tap});
    const std::size_t bytes_after = byte_count(shrunk.frames);
    const bool shrunk_any = shrunk.frames.size() < before || bytes_after < bytes_before;
    if (shrunk_any) {
      saved.finding.frames = shrunk.frames;
      saved.finding.observed += fmt::format(" (minimised from {} frame{}, {} bytes in {} replay{})",
                                            before, before == 1 ? "" : "s", bytes_before,
                                            shrunk.replays, shrunk.replays == 1 ? "" : "s");
      if (!saved.path.empty()) {
        if (auto problem = rewrite_finding(saved.path, saved.finding)) {
          say(fmt::format("the minimised finding was not saved: {}\n", *problem));
        }
      }
    }
    const std::size_t after = saved.finding.frames.size();
    say(fmt::format("minimised: {} frame{} of {} reproduce{}, {} bytes of {} ({} replay{})\n",
                    after, after == 1 ? "" : "s", before, after == 1 ? "s" : "",
                    byte_count(saved.finding.frames), bytes_before, shrunk.replays,
                    shrunk.replays == 1 ? "" : "s"));
    if (shrunk_any) file_again(index);  // `saved` may be gone after it
    if (interrupted()) {
      shared_.end(FuzzSummary::End::kInterrupted, {});
      return false;
    }
    if (!shrunk.device_up) {
      shared_.end(
          FuzzSummary::End::kDeviceDown,
          fmt::format("the device did not answer within {} ms of a restart while the finding "
                      "was minimised",
                      options_.restart_wait.count()));
      return false;
    }
    return true;
  }

  // A finding cut down to the sends of one found before, or to another trigger (with several
  // connections, often another one's frame), is that failure: counted on that finding's entry
  // when there is one, its own file removed, and its key from then on names that entry; filed
  // under the new key when not. With the gate alone, so the finding is the last entry.
  void file_again(std::size_t index) {
    const std::scoped_lock lock(shared_.book_mutex);
    SavedFinding& saved = shared_.findings[index];
    const FindingKey key = finding_key(saved.finding, saved.finding.frames.back());
    const auto old = std::ranges::find_if(
        shared_.seen, [index](const auto& entry) { return entry.second == index; });
    std::optional<std::size_t> into = twin_of(index);
    if (!into) {
      if (old != shared_.seen.end() && old->first == key) return;
      const auto existing = shared_.seen.find(key);
      if (existing == shared_.seen.end()) {
        if (old != shared_.seen.end()) shared_.seen.erase(old);
        shared_.seen.emplace(key, index);
        return;
      }
      into = existing->second;
    }
    if (index + 1 != shared_.findings.size()) return;
    SavedFinding& first = shared_.findings[*into];
    first.count += saved.count;
    say(fmt::format("the minimised finding is the one found before{}: {} times\n",
                    first.path.empty() ? std::string() : ", " + first.path, first.count));
    if (!saved.path.empty()) {
      std::error_code ignored;  // a file left behind is only one too many
      std::filesystem::remove(saved.path, ignored);
    }
    if (old != shared_.seen.end()) old->second = *into;
    shared_.seen.try_emplace(key, *into);
    shared_.findings.pop_back();
  }

  // Another finding of the same kind cut down to the same sends, if any.
  std::optional<std::size_t> twin_of(std::size_t index) const {
    const Finding& finding = shared_.findings[index].finding;
    for (std::size_t other = 0; other < shared_.findings.size(); ++other) {
      const Finding& candidate = shared_.findings[other].finding;
      if (other != index && candidate.kind == finding.kind &&
          candidate.anomaly == finding.anomaly && same_sends(candidate.frames, finding.frames)) {
        return other;
      }
    }
    return std::nullopt;
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
      shared_.end(FuzzSummary::End::kDeviceDown,
                  "the device is down and no --restart-cmd was given");
      return false;
    }
    if (!restart_device()) {
      if (interrupted()) {
        shared_.end(FuzzSummary::End::kInterrupted, {});
        return false;
      }
      shared_.end(FuzzSummary::End::kDeviceDown,
                  fmt::format("the device did not answer within {} ms of the restart",
                              options_.restart_wait.count()));
      return false;
    }
    history_.clear();
    return true;
  }

  // Runs --restart-cmd and waits for the device to answer; whether it does.
  bool restart_device() {
    client_.disconnect();
    say(fmt::format("restarting the device: {}\n", options_.restart_cmd));
    // --restart-wait bounds the command and the wait for the device together.
    const auto started = Clock::now();
    const auto ran =
        run_restart_command(options_.restart_cmd, options_.restart_wait, options_.interrupt);
    if (ran.end != CommandOutcome::End::kExited || ran.status != 0) {
      say(fmt::format("the restart command {}\n", describe(ran, options_.restart_wait)));
    }
    const auto left =
        std::max(std::chrono::milliseconds(0),
                 options_.restart_wait -
                     std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started));
    if (!wait_until_alive(client_, *options_.map, options_.unit, left)) return false;
    // Replays that minimise a finding see the device as `mbharness replay` will: without this
    // connection (a device that counts connections would count it).
    client_.disconnect();
    ++summary_.restarts;
    return true;
  }

  void print_progress(Clock::duration elapsed) {
    std::size_t findings = 0;
    {
      const std::scoped_lock lock(shared_.book_mutex);
      findings = shared_.findings.size();
    }
    say(fmt::format(
        "{:.0f} s: {} frames sent, {} answered, {} closed, {} unanswered, {} finding{}\n",
        std::chrono::duration<double>(elapsed).count(), shared_.frames.load(),
        shared_.answered.load(), shared_.closed.load(), shared_.no_answer.load(), findings,
        findings == 1 ? "" : "s"));
  }

  const FuzzOptions& options_;
  FuzzShared& shared_;
  std::size_t lane_;
  std::size_t lanes_;
  std::vector<const FuzzLane*> others_;  // the other connections' lanes
  client::ModbusClient client_;
  client::ModbusClient partial_client_;  // sends ending in a partial frame, one per connection
  FrameGenerator generator_;
  std::deque<SentFrame> history_;
  std::optional<SentFrame> unanswered_alone_;  // the last send, when it went alone unanswered
  std::uint64_t alone_sends_ = 0;
  // A slow drip going on: its connection, the read it drips, the bytes sent, when the next is.
  struct Drip {
    std::unique_ptr<client::ModbusClient> client;
    std::vector<std::byte> bytes;
    std::size_t sent = 0;
    Clock::time_point next;
    std::uint64_t connection = 0;
  };
  std::optional<Drip> drip_;
  std::vector<SentFrame> drip_sends_;  // its bytes as sent, kept until a read is answered after
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

FuzzLane::FuzzLane(const FuzzOptions& options, FuzzShared& shared, std::size_t lane,
                   std::size_t lanes)
    : loop_(std::make_unique<Loop>(options, shared, lane, lanes)) {}
FuzzLane::~FuzzLane() = default;

client::ClientExchange FuzzLane::open(std::chrono::milliseconds patience) {
  return loop_->open(patience);
}
void FuzzLane::run(std::chrono::steady_clock::time_point start) {
  loop_->run(start);
}
void FuzzLane::set_neighbours(std::vector<const FuzzLane*> others) {
  loop_->set_neighbours(std::move(others));
}
const SentFrame* FuzzLane::last_sent() const {
  return loop_->last_sent();
}
const FuzzSummary& FuzzLane::summary() const {
  return loop_->summary();
}
std::size_t FuzzLane::classes_seen() const {
  return loop_->classes_seen();
}
const RoundTrips& FuzzLane::round_trips() const {
  return loop_->round_trips();
}

}  // namespace mbh::netfuzz
