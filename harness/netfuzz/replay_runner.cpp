#include "harness/netfuzz/replay_runner.hpp"

#include <fmt/format.h>

#include "harness/client/modbus_client.hpp"
#include "harness/netfuzz/device_probe.hpp"
#include "harness/netfuzz/verdict.hpp"

namespace mbh::netfuzz {

ReplayOutcome replay_finding(const Finding& finding, const models::RegisterMap& map,
                             const client::TargetAddress& target, std::chrono::milliseconds timeout,
                             const std::atomic<bool>* interrupt, client::FrameTap* tap) {
  ReplayOutcome outcome;
  client::ModbusClient client(target, {.connect_timeout = timeout,
                                       .response_timeout = timeout,
                                       .interrupt = interrupt,
                                       .tap = tap});
  if (auto connected = client.connect(); !connected) {
    outcome.unreachable = true;
    outcome.observed = connected.error();
    return outcome;
  }
  for (std::size_t i = 0; i < finding.frames.size(); ++i) {
    const auto sent = client.exchange_raw(finding.frames[i].bytes);
    const Observed observed = observe(sent.status);
    if (observed == Observed::kInterrupted) {
      outcome.interrupted = true;
      return outcome;
    }
    ++outcome.frames_sent;
    if (!needs_probe(observed)) continue;
    const auto answer = probe(client, map, finding.unit);
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
  const auto answer = probe(client, map, finding.unit);
  if (answer.status == client::ExchangeStatus::kInterrupted) {
    outcome.interrupted = true;
    return outcome;
  }
  outcome.observed = fmt::format(
      "every frame got an answer (or a close the device recovered from); a valid read "
      "afterwards: {}",
      what_happened(answer));
  return outcome;
}

}  // namespace mbh::netfuzz
