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
  // The run stopped and restores now: a channel may switch to a connection of its own for it
  // (a fresh one, with a short timeout, not cancelled by the first signal).
  virtual void prepare_restore() {}
};

// The channel over a ModbusClient; with `restore` (may be null), the restore goes through
// that client instead, once the run's own connection is closed (a device may take only one).
class ClientChannel final : public DeviceChannel {
 public:
  explicit ClientChannel(client::ModbusClient& client, client::ModbusClient* restore = nullptr)
      : client_(client), restore_(restore) {}
  std::optional<std::string> open() override;
  client::ClientExchange exchange(std::uint8_t unit, std::span<const std::byte> pdu,
                                  std::optional<std::uint16_t> transaction_id) override {
    return active().exchange(unit, pdu, transaction_id);
  }
  std::uint64_t requests_sent() const override {
    return client_.requests_sent() + (restore_ != nullptr ? restore_->requests_sent() : 0);
  }
  void prepare_restore() override {
    if (restore_ == nullptr || restoring_) return;
    client_.disconnect();
    restoring_ = true;
  }

 private:
  client::ModbusClient& active() { return restoring_ ? *restore_ : client_; }

  client::ModbusClient& client_;
  client::ModbusClient* restore_;
  bool restoring_ = false;
};

}  // namespace mbh::conformance
