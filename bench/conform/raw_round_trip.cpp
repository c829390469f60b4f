#include "bench/conform/raw_round_trip.hpp"

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "bench/loopback_socket.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/pdu_types.hpp"
#include "harness/codec/protocol_limits.hpp"

namespace mbh::bench {
namespace {

using Clock = std::chrono::steady_clock;

// One whole Modbus TCP frame: the MBAP header says how many bytes follow it.
bool receive_frame(const UniqueFd& socket, std::span<std::byte> buffer) {
  constexpr std::size_t kHeader = 7;
  if (!receive_exactly(socket, buffer.first(kHeader))) return false;
  const std::size_t length =
      (std::to_integer<std::size_t>(buffer[4]) << 8) | std::to_integer<std::size_t>(buffer[5]);
  if (length < 2 || kHeader - 1 + length > buffer.size()) {
    throw std::runtime_error("the server sent a frame with MBAP length " + std::to_string(length));
  }
  return receive_exactly(socket, buffer.subspan(kHeader, length - 1));
}

}  // namespace

RoundTripRate measure_raw_round_trips(std::uint16_t port, std::uint8_t unit, std::uint16_t address,
                                      std::uint16_t quantity, std::chrono::milliseconds duration) {
  const auto request =
      codec::encode_adu(1, unit, codec::ReadHoldingRegistersRequest{address, quantity});
  std::array<std::byte, codec::kMaxAduSize> answer{};
  const UniqueFd socket = connect_to_loopback(port);
  RoundTripRate rate;
  const auto start = Clock::now();
  const auto end = start + duration;
  // The clock is read every 64 requests: a read costs little, but not nothing.
  for (auto now = start; now < end; now = Clock::now()) {
    for (int i = 0; i < 64; ++i) {
      if (!send_all(socket, request.span()) || !receive_frame(socket, answer)) {
        throw std::runtime_error("the server closed the connection during the round trips");
      }
      // An exception answer would measure something else than a read.
      if ((std::to_integer<unsigned>(answer[7]) & 0x80U) != 0) {
        throw std::runtime_error("the server answered the round-trip read with an exception");
      }
      ++rate.requests;
    }
  }
  rate.elapsed = Clock::now() - start;
  return rate;
}

}  // namespace mbh::bench
