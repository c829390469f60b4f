#pragma once
// The size and quantity limits of the MODBUS Application Protocol v1.1b3 and the Messaging on
// TCP/IP Implementation Guide v1.0b, in one place.
#include <cstddef>
#include <cstdint>

namespace mbh::codec {

inline constexpr std::size_t kMbapSize = 7;      // transaction, protocol, length, unit
inline constexpr std::size_t kMaxPduSize = 253;  // serial-line ADU limit minus address and CRC
inline constexpr std::size_t kMaxAduSize = kMbapSize + kMaxPduSize;  // 260
inline constexpr std::uint16_t kMinMbapLength = 2;                   // unit id + function code
inline constexpr std::uint16_t kMaxMbapLength = 254;                 // unit id + the largest PDU

inline constexpr std::uint16_t kMaxReadBits = 2000;           // FC 01, 02
inline constexpr std::uint16_t kMaxWriteBits = 1968;          // FC 15
inline constexpr std::uint16_t kMaxReadRegisters = 125;       // FC 03, 04, 23 (read part)
inline constexpr std::uint16_t kMaxWriteRegisters = 123;      // FC 16
inline constexpr std::uint16_t kMaxReadWriteRegisters = 121;  // FC 23 (write part)

inline constexpr std::size_t kMaxReadBitBytes = (kMaxReadBits + 7) / 8;    // 250
inline constexpr std::size_t kMaxWriteBitBytes = (kMaxWriteBits + 7) / 8;  // 246
// FC 43/14 response: FC, MEI type, read code, conformity, more follows, next id, count.
inline constexpr std::size_t kDeviceIdHeaderSize = 7;
inline constexpr std::size_t kMaxDeviceObjectBytes = kMaxPduSize - kDeviceIdHeaderSize;  // 246

inline constexpr std::uint16_t kCoilOn = 0xFF00;
inline constexpr std::uint16_t kCoilOff = 0x0000;
inline constexpr std::uint8_t kExceptionFlag = 0x80;
inline constexpr std::uint8_t kMeiReadDeviceId = 0x0E;

constexpr std::size_t bit_bytes(std::uint16_t bits) {
  return (std::size_t{bits} + 7) / 8;
}

}  // namespace mbh::codec
