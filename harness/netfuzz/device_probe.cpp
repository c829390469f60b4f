#include "harness/netfuzz/device_probe.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include "harness/codec/protocol_limits.hpp"
#include "harness/netfuzz/frame_generator.hpp"

namespace mbh::netfuzz {

Observed observe(client::ExchangeStatus status) {
  using S = client::ExchangeStatus;
  switch (status) {
    case S::kAnswered:
      return Observed::kAnswered;
    case S::kMalformed:
      return Observed::kUnframable;
    case S::kTimeout:
    case S::kIncomplete:
      return Observed::kNoAnswer;
    case S::kClosed:
      return Observed::kClosed;
    case S::kConnectFailed:
      return Observed::kRefused;
    case S::kInterrupted:
      return Observed::kInterrupted;
  }
  return Observed::kNoAnswer;
}

std::string what_happened(const client::ClientExchange& exchange) {
  return exchange.error.empty() ? std::string(describe(observe(exchange.status))) : exchange.error;
}

bool strays_wrong(std::span<const std::byte> sent, const client::DiscardedFrames& strays) {
  if (strays.faults() == 0) return false;
  if (strays.count(client::StrayKind::kDuplicate) > 0) return true;
  std::vector<std::uint16_t> ids;
  for (std::span<const std::byte> rest = sent; rest.size() >= codec::kMbapSize;) {
    ids.push_back(static_cast<std::uint16_t>(std::to_integer<unsigned>(rest[0]) * 256U +
                                             std::to_integer<unsigned>(rest[1])));
    const std::size_t size = codec::kMbapSize - 1 + std::to_integer<std::size_t>(rest[4]) * 256U +
                             std::to_integer<std::size_t>(rest[5]);
    if (size < codec::kMbapSize || size > rest.size()) break;
    rest = rest.subspan(size);
  }
  return std::ranges::any_of(strays.kept, [&](const client::DiscardedFrame& stray) {
    return client::device_fault(stray.kind) &&
           std::ranges::find(ids, stray.transaction_id) == ids.end();
  });
}

client::ClientExchange probe(client::ModbusClient& client, const models::RegisterMap& map,
                             std::uint8_t unit) {
  client.disconnect();
  return client.exchange(unit, probe_pdu(map));
}

client::ClientExchange probe_until_answered(client::ModbusClient& client,
                                            const models::RegisterMap& map, std::uint8_t unit,
                                            std::chrono::milliseconds patience,
                                            std::chrono::milliseconds pause) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  for (;;) {
    auto exchange = probe(client, map, unit);
    if (exchange.status == client::ExchangeStatus::kAnswered ||
        exchange.status == client::ExchangeStatus::kInterrupted ||
        std::chrono::steady_clock::now() >= deadline) {
      return exchange;
    }
    std::this_thread::sleep_for(pause);
  }
}

bool wait_until_alive(client::ModbusClient& client, const models::RegisterMap& map,
                      std::uint8_t unit, std::chrono::milliseconds patience) {
  return probe_until_answered(client, map, unit, patience, std::chrono::milliseconds(100)).status ==
         client::ExchangeStatus::kAnswered;
}

}  // namespace mbh::netfuzz
