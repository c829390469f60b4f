#pragma once
// For the journal's tests: MBHARNESS_SIGNAL_AT_WRITE=K:SIGNAL[,K:SIGNAL]... (SIGNAL a number:
// 9, 1, 2, 15) makes the process send itself SIGNAL once the K-th write request it sent was
// answered, so that a test cuts a run short at every write in turn (STYLE.md: faults at the
// Nth call), or sends a second signal during the restore. Without the variable the channel
// passes everything through untouched.
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "conformance/device_channel.hpp"

namespace mbh::cli {

class SignalAtWrite final : public conformance::DeviceChannel {
 public:
  explicit SignalAtWrite(conformance::DeviceChannel& inner);
  std::optional<std::string> open() override { return inner_.open(); }
  client::ClientExchange exchange(std::uint8_t unit, std::span<const std::byte> pdu,
                                  std::optional<std::uint16_t> transaction_id) override;
  std::uint64_t requests_sent() const override { return inner_.requests_sent(); }
  void prepare_restore() override { inner_.prepare_restore(); }

 private:
  conformance::DeviceChannel& inner_;
  std::vector<std::pair<std::uint64_t, int>> signals_;  // at write K, this signal
  std::uint64_t writes_ = 0;
};

}  // namespace mbh::cli
