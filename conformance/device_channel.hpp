#pragma once
// What the suites talk to: one request out, what came back. Over TCP it is the client
// (ClientChannel); the tests also drive a simulator in-process through it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "harness/client/modbus_client.hpp"

namespace mbh::conformance {

class DeviceChannel {
 public:
  virtual ~DeviceChannel() = default;
  // Connects; the error sentence when the device cannot be reached.
  virtual std::optional<std::string> open() = 0;
  virtual client::ClientExchange exchange(std::uint8_t unit, std::span<const std::byte> pdu,
                                          std::optional<std::uint16_t> transaction_id) = 0;
  virtual std::uint64_t requests_sent() const = 0;
};

// The channel over a ModbusClient.
class ClientChannel final : public DeviceChannel {
 public:
  explicit ClientChannel(client::ModbusClient& client) : client_(client) {}
  std::optional<std::string> open() override;
  client::ClientExchange exchange(std::uint8_t unit, std::span<const std::byte> pdu,
                                  std::optional<std::uint16_t> transaction_id) override {
    return client_.exchange(unit, pdu, transaction_id);
  }
  std::uint64_t requests_sent() const override { return client_.requests_sent(); }

 private:
  client::ModbusClient& client_;
};

}  // namespace mbh::conformance
