#include "harness/netfuzz/device_probe.hpp"

#include <thread>

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

client::ClientExchange probe(client::ModbusClient& client, const models::RegisterMap& map,
                             std::uint8_t unit) {
  client.disconnect();
  return client.exchange(unit, probe_pdu(map));
}

bool wait_until_alive(client::ModbusClient& client, const models::RegisterMap& map,
                      std::uint8_t unit, std::chrono::milliseconds patience) {
  const auto deadline = std::chrono::steady_clock::now() + patience;
  for (;;) {
    const auto status = probe(client, map, unit).status;
    if (status == client::ExchangeStatus::kAnswered) return true;
    if (status == client::ExchangeStatus::kInterrupted) return false;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace mbh::netfuzz
