#include "harness/netfuzz/replay_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <thread>

#include "harness/client/modbus_client.hpp"
#include "harness/netfuzz/device_probe.hpp"
#include "harness/netfuzz/frame_generator.hpp"
#include "harness/netfuzz/round_trips.hpp"
#include "harness/netfuzz/verdict.hpp"

namespace mbh::netfuzz {

namespace {

using namespace std::chrono_literals;

// Frame i waits until as long after frame i - 1 as it went in the run (a device's state may
// hang on the time between them: a half-read frame, a timer), at most kMaxReplayGap; false
// when interrupted meanwhile.
bool wait_as_sent(const Finding& finding, std::size_t i, const std::atomic<bool>* interrupt) {
  if (i == 0 || finding.frames[i].at_ms <= finding.frames[i - 1].at_ms) return true;
  const auto gap = std::min<std::chrono::milliseconds>(
      std::chrono::milliseconds(finding.frames[i].at_ms - finding.frames[i - 1].at_ms),
      kMaxReplayGap);
  const auto until = std::chrono::steady_clock::now() + gap;
  for (auto now = std::chrono::steady_clock::now(); now < until;
       now = std::chrono::steady_clock::now()) {
    if (interrupt != nullptr && interrupt->load()) return false;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(until - now, 50ms));
  }
  return true;
}

// As the fuzz loop sent it: a split-bytes frame one byte per segment.
client::ClientExchange send_frame(client::ModbusClient& client, const SentFrame& frame) {
  return frame.kind == FrameKind::kSplitBytes ? client.exchange_in_pieces(frame.bytes, kPieceGap)
                                              : client.exchange_raw(frame.bytes);
}

// A connection held open (an empty held-connections frame) or a byte of a slow drip: opened,
// or sent without waiting, as the fuzz loop did; false for any other frame.
bool unanswered_send(client::ModbusClient& connection, const SentFrame& frame,
                     ReplayOutcome& outcome) {
  if (!sent_unanswered(frame)) return false;
  const auto started = std::chrono::steady_clock::now();
  client::ClientExchange sent;
  if (frame.bytes.empty()) {
    if (auto opened = connection.connect(); !opened) {
      sent.status = client::ExchangeStatus::kConnectFailed;
      sent.error = opened.error();
    } else {
      sent.status = client::ExchangeStatus::kTimeout;  // nothing sent: nothing waited for
    }
  } else {
    sent = connection.send_raw(frame.bytes);
  }
  if (sent.status == client::ExchangeStatus::kInterrupted) outcome.interrupted = true;
  ++outcome.frames_sent;
  outcome.frames.push_back({sent.status, sent.response,
                            std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - started)});
  return true;
}

// The last frame, in a few words, for what a replay saw after it.
std::string_view what_was_sent(const SentFrame& frame) {
  if (!sent_unanswered(frame)) return "answered";
  return frame.bytes.empty() ? "a connection opened and held" : "a byte of a slow drip sent";
}

// An anomaly is the last frame's answer: the frames before it are sent as they were, the last
// one judged as the fuzz loop judges it. A slow answer is measured against a valid read's
// round trip taken first.
void replay_anomaly(const Finding& finding, const models::RegisterMap& map,
                    client::ModbusClient& client, ReplayOutcome& outcome) {
  const auto baseline = client.exchange(finding.unit, probe_pdu(map));
  if (baseline.status == client::ExchangeStatus::kInterrupted) {
    outcome.interrupted = true;
    return;
  }
  for (std::size_t i = 0; i < finding.frames.size(); ++i) {
    if (!wait_as_sent(finding, i, client.options().interrupt)) {
      outcome.interrupted = true;
      return;
    }
    const auto sent = send_frame(client, finding.frames[i]);
    const Observed observed = observe(sent.status);
    if (observed == Observed::kInterrupted) {
      outcome.interrupted = true;
      return;
    }
    ++outcome.frames_sent;
    outcome.frames.push_back({sent.status, sent.response, sent.elapsed});
    if (i + 1 < finding.frames.size()) continue;
    Anomaly anomaly = Anomaly::kNone;
    if (sent.discarded.faults() > 0) {
      anomaly = Anomaly::kWrongTransaction;
    } else if (observed == Observed::kAnswered || observed == Observed::kUnframable) {
      anomaly = anomaly_in(finding.frames[i].bytes, sent.response);
      if (anomaly == Anomaly::kNone && observed == Observed::kAnswered &&
          baseline.status == client::ExchangeStatus::kAnswered &&
          sent.elapsed > std::max<std::chrono::microseconds>(
                             baseline.elapsed * RoundTrips::kSlowFactor, RoundTrips::kMinSlow)) {
        anomaly = Anomaly::kSlow;
      }
    }
    outcome.anomaly = anomaly;
    if (anomaly != Anomaly::kNone) outcome.verdict = Verdict::kAnomaly;
    outcome.observed =
        fmt::format("frame {} of {}: {}{}", i + 1, finding.frames.size(), what_happened(sent),
                    anomaly == Anomaly::kNone ? std::string("; nothing wrong in the answer")
                                              : fmt::format("; {}", anomaly_text(anomaly)));
  }
}

}  // namespace

ReplayOutcome replay_finding(const Finding& finding, const models::RegisterMap& map,
                             const client::TargetAddress& target, std::chrono::milliseconds timeout,
                             const std::atomic<bool>* interrupt, client::FrameTap* tap) {
  ReplayOutcome outcome;
  const client::ClientOptions options{
      .connect_timeout = timeout, .response_timeout = timeout, .interrupt = interrupt, .tap = tap};
  client::ModbusClient client(target, options);
  if (auto connected = client.connect(); !connected) {
    outcome.unreachable = true;
    outcome.observed = connected.error();
    return outcome;
  }
  if (finding.kind == Verdict::kAnomaly) {
    replay_anomaly(finding, map, client, outcome);
    return outcome;
  }
  // Each frame on its connection: the first frame's is `client` (the probe's too), the others
  // are opened as their first frame comes.
  std::map<std::uint64_t, std::unique_ptr<client::ModbusClient>> others;
  // Connections held or dripping stay as they are: the valid read that judges the device goes
  // on a connection of its own then.
  const bool holds = std::ranges::any_of(
      finding.frames, [](const SentFrame& frame) { return sent_unanswered(frame); });
  client::ModbusClient probe_client(target, options);
  client::ModbusClient& judge_on = holds ? probe_client : client;
  // Connections of a replay just before may not be closed on the device's side yet: they would
  // count with these.
  if (holds) std::this_thread::sleep_for(kHeldSettle);
  const auto connection_of = [&](const SentFrame& frame) -> client::ModbusClient& {
    if (frame.connection == finding.frames.front().connection) return client;
    auto& other = others[frame.connection];
    if (!other) {
      other = std::make_unique<client::ModbusClient>(target, options);
    }
    return *other;
  };
  for (std::size_t i = 0; i < finding.frames.size(); ++i) {
    if (!wait_as_sent(finding, i, interrupt)) {
      outcome.interrupted = true;
      return outcome;
    }
    if (unanswered_send(connection_of(finding.frames[i]), finding.frames[i], outcome)) {
      if (outcome.interrupted) return outcome;
      continue;
    }
    const auto sent = send_frame(connection_of(finding.frames[i]), finding.frames[i]);
    const Observed observed = observe(sent.status);
    if (observed == Observed::kInterrupted) {
      outcome.interrupted = true;
      return outcome;
    }
    ++outcome.frames_sent;
    outcome.frames.push_back({sent.status, sent.response, sent.elapsed});
    if (!needs_probe(observed)) continue;
    const auto answer = probe(judge_on, map, finding.unit);
    const Observed probed = observe(answer.status);
    if (probed == Observed::kInterrupted) {
      outcome.interrupted = true;
      return outcome;
    }
    outcome.verdict = judge(observed, probed);
    outcome.observed =
        fmt::format("frame {} of {}: {}; then a valid read on a new connection: {}", i + 1,
                    finding.frames.size(), what_happened(sent), what_happened(answer));
    return outcome;
  }
  const auto answer = probe(judge_on, map, finding.unit);
  if (answer.status == client::ExchangeStatus::kInterrupted) {
    outcome.interrupted = true;
    return outcome;
  }
  // The frames answered (or sent without waiting, as held connections and a drip's bytes are),
  // the device may still have gone down after them: the valid read judges, a crash when the
  // device is gone (refused, closed), a hang when it is silent.
  const Observed probed = observe(answer.status);
  outcome.verdict =
      judge(probed == Observed::kNoAnswer ? Observed::kNoAnswer : Observed::kClosed, probed);
  if (outcome.verdict != Verdict::kNone) {
    outcome.observed = fmt::format(
        "after frame {} of {} ({}): a valid read on a new connection: {}", finding.frames.size(),
        finding.frames.size(), what_was_sent(finding.frames.back()), what_happened(answer));
    return outcome;
  }
  outcome.observed = fmt::format(
      "every frame got an answer (or a close the device recovered from); a valid read "
      "afterwards: {}",
      what_happened(answer));
  return outcome;
}

}  // namespace mbh::netfuzz
