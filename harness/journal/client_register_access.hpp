#pragma once
// RegisterAccess over a ModbusClient: what `mbharness restore` and the fuzzer's restore talk
// to the device through. Reads and writes as FC 03/04, 06 and 16 to one unit.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "harness/client/modbus_client.hpp"
#include "harness/journal/register_restore.hpp"

namespace mbh::journal {

class ClientRegisterAccess final : public RegisterAccess {
 public:
  ClientRegisterAccess(client::ModbusClient& client, std::uint8_t unit)
      : client_(client), unit_(unit) {}
  std::optional<std::vector<std::uint16_t>> read(models::Space space, std::uint16_t address,
                                                 std::uint16_t count) override;
  bool write(std::uint16_t address, std::span<const std::uint16_t> words, bool multiple) override;

  // Whether the last exchange got no answer at all (not connected, timed out, closed).
  bool unreachable() const { return unreachable_; }

 private:
  client::ModbusClient& client_;
  std::uint8_t unit_;
  bool unreachable_ = false;
};

}  // namespace mbh::journal
