#pragma once
// Modbus RTU's framing, for recognising an RTU frame pasted where a TCP one was expected
// (serial gateways log them): unit id, PDU, then CRC-16/MODBUS low byte first (Modbus over
// Serial Line V1.02, section 2.5.1.2 and Appendix B).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace mbh::codec {

// CRC-16/MODBUS: reflected polynomial 0xA001, initial value 0xFFFF.
std::uint16_t rtu_crc(std::span<const std::byte> bytes);

struct RtuFrame {
  std::uint8_t unit = 0;
  std::span<const std::byte> pdu;
  std::uint16_t crc = 0;
};

// `bytes` as an RTU frame when its last two bytes are the CRC of the rest and a PDU of at least
// one byte sits between unit and CRC; otherwise nothing.
std::optional<RtuFrame> rtu_frame(std::span<const std::byte> bytes);

}  // namespace mbh::codec
