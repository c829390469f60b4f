#pragma once
// The frames every benchmark works on, built once with the codec itself so that the bytes are
// valid by construction: a read of holding registers from a fixed register bank, its answer,
// and a write of registers.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "harness/codec/mbap_header.hpp"
#include "harness/codec/pdu_types.hpp"
#include "harness/codec/protocol_limits.hpp"

namespace mbh::bench {

inline constexpr std::uint16_t kFirstRegister = 100;
inline constexpr std::uint8_t kUnitId = 1;
inline constexpr std::uint16_t kTransactionId = 0x0102;
// The round trip's read: FC 03 for 10 registers, 12 bytes out and 29 back on the wire.
inline constexpr std::uint16_t kRoundTripRegisters = 10;

// The simulated device's holding registers, kFirstRegister onwards; enough for a full read.
using RegisterBank = std::array<std::uint16_t, codec::kMaxReadRegisters>;
const RegisterBank& register_bank();

// A PDU's bytes held by value, like codec::EncodedAdu.
struct EncodedPdu {
  std::array<std::byte, codec::kMaxPduSize> bytes{};
  std::size_t size = 0;
  std::span<const std::byte> span() const { return {bytes.data(), size}; }
};

codec::Request read_registers_request(std::uint16_t quantity);
codec::Request write_registers_request(std::uint16_t quantity);
// The bank's answer to read_registers_request(quantity).
codec::Response read_registers_response(std::uint16_t quantity);

// Encodings of valid aggregates; std::abort() if the codec refuses one (a bug, not a result).
EncodedPdu encode_pdu(const codec::Request& request);
EncodedPdu encode_pdu(const codec::Response& response);

// `count` request ADUs back to back, as a read loop finds them in a TCP stream.
std::vector<std::byte> back_to_back_requests(std::size_t count, std::uint16_t quantity);

}  // namespace mbh::bench
