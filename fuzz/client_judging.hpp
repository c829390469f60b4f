#pragma once
// What the conformance harness makes of one client exchange, driven without a device: the
// exchange goes through conformance::Session (the answer decoded against the request, the
// oracle's verdict recorded) over a channel that hands it back as given, then through
// conformance::framing_problem (R-MBAP); whatever the bytes, this must not crash and must
// agree with the codec (the invariant is stated in client_judging.cpp).
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "harness/client/modbus_client.hpp"

namespace mbh::fuzz {

class ClientJudging {
 public:
  ClientJudging();
  ~ClientJudging();
  ClientJudging(const ClientJudging&) = delete;
  ClientJudging& operator=(const ClientJudging&) = delete;

  // `exchange`: what the client returned for the request PDU `pdu` sent to `unit`.
  void judge(std::uint8_t unit, std::span<const std::byte> pdu,
             const client::ClientExchange& exchange);

 private:
  struct Device;
  std::array<std::unique_ptr<Device>, 3> devices_;  // a session per map, by models::all_maps()
};

}  // namespace mbh::fuzz
