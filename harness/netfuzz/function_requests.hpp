#pragma once
// Request PDUs per function code, built field by field exactly as given: quantities, byte
// counts and lengths are whatever the caller says, so that a builder can say something wrong
// on purpose. Pure: no randomness, no map.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace mbh::netfuzz {

using Pdu = std::vector<std::byte>;

inline constexpr std::uint8_t kReadCoils = 0x01;
inline constexpr std::uint8_t kReadDiscreteInputs = 0x02;
inline constexpr std::uint8_t kReadHolding = 0x03;
inline constexpr std::uint8_t kReadInput = 0x04;
inline constexpr std::uint8_t kWriteCoil = 0x05;
inline constexpr std::uint8_t kWriteRegister = 0x06;
inline constexpr std::uint8_t kDiagnostics = 0x08;
inline constexpr std::uint8_t kWriteCoils = 0x0F;
inline constexpr std::uint8_t kWriteRegisters = 0x10;
inline constexpr std::uint8_t kReadFileRecord = 0x14;
inline constexpr std::uint8_t kWriteFileRecord = 0x15;
inline constexpr std::uint8_t kMaskWriteRegister = 0x16;
inline constexpr std::uint8_t kReadWrite = 0x17;
inline constexpr std::uint8_t kEncapsulated = 0x2B;

// The largest quantity the specification allows for the function's (first) quantity field:
// 2000, 125, 1968, 123, 125 for FC 23's read part; 0 for functions without one.
std::uint16_t max_quantity(std::uint8_t function);
// The byte count that agrees with `quantity`: (q + 7) / 8 for FC 15, 2 q for FC 16 and 23.
unsigned right_byte_count(std::uint8_t function, unsigned quantity);

// FC 01..04.
Pdu read_request(std::uint8_t function, unsigned address, unsigned quantity);
// FC 05, 06: address and value.
Pdu write_single(std::uint8_t function, unsigned address, unsigned value);
// FC 15, 16: the byte count as given, followed by `values`.
Pdu write_multiple(std::uint8_t function, unsigned address, unsigned quantity, unsigned byte_count,
                   std::span<const std::byte> values);
// FC 22.
Pdu mask_write(unsigned address, unsigned and_mask, unsigned or_mask);

// FC 23: its read range and its write range, each as given.
struct ReadWriteFields {
  unsigned read_address = 0;
  unsigned read_quantity = 1;
  unsigned write_address = 0;
  unsigned write_quantity = 1;
  unsigned byte_count = 2;
};
Pdu read_write(const ReadWriteFields& fields, std::span<const std::byte> values);

// One sub-request of FC 20 (no data) or FC 21 (record data follows the length).
struct FileSubRequest {
  unsigned reference = 6;  // the only reference type the specification defines
  unsigned file = 1;       // 1..0xFFFF
  unsigned record = 0;     // 0..9999
  unsigned length = 1;     // registers
  std::vector<std::byte> data;
};
// The byte count that agrees with the sub-requests (7 per sub-request, plus data for FC 21).
unsigned file_byte_count(std::span<const FileSubRequest> subs);
Pdu file_record(std::uint8_t function, unsigned byte_count, std::span<const FileSubRequest> subs);

// FC 08: sub-function and data.
Pdu diagnostic(unsigned sub_function, std::span<const std::byte> data);
// FC 43: MEI type, then the rest as given (read code and object id for 0x0E).
Pdu encapsulated(unsigned mei, std::span<const std::byte> rest);

// The 16-bit field at a PDU offset (big-endian), 0 past the end.
unsigned field16(std::span<const std::byte> pdu, std::size_t at);

}  // namespace mbh::netfuzz
