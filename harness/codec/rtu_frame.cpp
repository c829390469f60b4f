#include "harness/codec/rtu_frame.hpp"

namespace mbh::codec {

std::uint16_t rtu_crc(std::span<const std::byte> bytes) {
  std::uint16_t crc = 0xFFFF;
  for (const std::byte b : bytes) {
    crc = static_cast<std::uint16_t>(crc ^ std::to_integer<std::uint16_t>(b));
    for (int bit = 0; bit < 8; ++bit) {
      const bool low = (crc & 1U) != 0;
      crc = static_cast<std::uint16_t>(crc >> 1);
      if (low) crc = static_cast<std::uint16_t>(crc ^ 0xA001U);
    }
  }
  return crc;
}

std::optional<RtuFrame> rtu_frame(std::span<const std::byte> bytes) {
  if (bytes.size() < 4) return std::nullopt;
  const auto body = bytes.first(bytes.size() - 2);
  const auto crc = static_cast<std::uint16_t>(std::to_integer<unsigned>(bytes[bytes.size() - 2]) |
                                              std::to_integer<unsigned>(bytes.back()) << 8);
  if (rtu_crc(body) != crc) return std::nullopt;
  return RtuFrame{std::to_integer<std::uint8_t>(bytes[0]), body.subspan(1), crc};
}

}  // namespace mbh::codec
