#pragma once
// The protocol's limits as checks on decoded fields, shared by requests and responses.
// Each returns the error and the PDU offset of the field at fault, or nothing.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "harness/codec/byte_io.hpp"
#include "harness/codec/codec_error.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "harness/codec/result.hpp"

namespace mbh::codec {

inline Failure<DecodeError> error_at(CodecError code, std::size_t offset) {
  return fail(DecodeError{code, offset});
}

// Checks that `in` holds exactly `n` more bytes: truncated where they stop short, trailing
// bytes where more follow.
inline std::optional<DecodeError> expect_exactly(const ByteReader& in, std::size_t n) {
  if (!in.has(n)) return DecodeError{CodecError::kTruncated, in.offset() + in.remaining()};
  if (in.remaining() > n) return DecodeError{CodecError::kTrailingBytes, in.offset() + n};
  return std::nullopt;
}

inline std::optional<DecodeError> check_quantity(std::uint16_t quantity, std::uint16_t max,
                                                 std::size_t offset) {
  if (quantity == 0 || quantity > max) return DecodeError{CodecError::kQuantityOutOfRange, offset};
  return std::nullopt;
}

// Address + quantity may reach 65536 (the last register is 65535) but not pass it.
inline std::optional<DecodeError> check_address_range(std::uint16_t address, std::size_t quantity,
                                                      std::size_t offset) {
  if (std::size_t{address} + quantity > 0x10000) {
    return DecodeError{CodecError::kAddressOverflow, offset};
  }
  return std::nullopt;
}

// Reads (FC 01..04) and FC 15/16 echoes: quantity at PDU offset 3, address at 1.
inline std::optional<DecodeError> check_read(std::uint16_t address, std::uint16_t quantity,
                                             std::uint16_t max) {
  if (auto error = check_quantity(quantity, max, 3)) return error;
  return check_address_range(address, quantity, 1);
}

inline std::optional<DecodeError> check_write_bits(std::uint16_t address, std::uint16_t quantity,
                                                   std::size_t byte_count) {
  if (auto error = check_quantity(quantity, kMaxWriteBits, 3)) return error;
  if (byte_count != bit_bytes(quantity)) return DecodeError{CodecError::kByteCountMismatch, 5};
  return check_address_range(address, quantity, 1);
}

inline std::optional<DecodeError> check_read_write(std::uint16_t read_address,
                                                   std::uint16_t read_quantity,
                                                   std::uint16_t write_address,
                                                   std::size_t write_quantity) {
  if (auto error = check_quantity(read_quantity, kMaxReadRegisters, 3)) return error;
  if (write_quantity == 0 || write_quantity > kMaxReadWriteRegisters) {
    return DecodeError{CodecError::kQuantityOutOfRange, 7};
  }
  if (auto error = check_address_range(read_address, read_quantity, 1)) return error;
  return check_address_range(write_address, write_quantity, 5);
}

inline std::optional<DecodeError> check_coil_value(std::uint16_t value) {
  if (value != kCoilOn && value != kCoilOff) return DecodeError{CodecError::kInvalidCoilValue, 3};
  return std::nullopt;
}

inline std::optional<DecodeError> check_read_device_id_code(std::uint8_t code, std::size_t offset) {
  if (code < 1 || code > 4) return DecodeError{CodecError::kInvalidReadDeviceIdCode, offset};
  return std::nullopt;
}

}  // namespace mbh::codec
