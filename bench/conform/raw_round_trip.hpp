#pragma once
// The loopback round-trip limit for one connection with one request in flight: a plain
// blocking socket sending the same valid read again and again and reading each whole answer.
// No conformance run can go faster against the same server, so it is the yardstick.
#include <chrono>
#include <cstdint>

namespace mbh::bench {

struct RoundTripRate {
  std::uint64_t requests = 0;
  std::chrono::duration<double> elapsed{0};
  double per_second() const {
    return elapsed.count() > 0 ? static_cast<double>(requests) / elapsed.count() : 0;
  }
};

// Reads `quantity` holding registers from `address` at `unit` on 127.0.0.1:port for about
// `duration`. Throws std::runtime_error when the server closes, errs or answers oddly.
RoundTripRate measure_raw_round_trips(std::uint16_t port, std::uint8_t unit, std::uint16_t address,
                                      std::uint16_t quantity, std::chrono::milliseconds duration);

}  // namespace mbh::bench
