#pragma once
// What can be wrong with bytes from a peer (DecodeError), and how the codec can be misused
// (EncodeError). A server answers a request decode error with the exception code that
// exception_for() names, as the specification's state diagrams order them.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "harness/codec/function_code.hpp"

namespace mbh::codec {

enum class CodecError : std::uint8_t {
  kTruncated,            // fewer bytes than the layout needs
  kTrailingBytes,        // more bytes than the layout has
  kPduTooLarge,          // a PDU over 253 bytes, more than any ADU can carry
  kUnsupportedFunction,  // a function code this codec does not implement
  kQuantityOutOfRange,   // quantity outside the function's limits (01/02: 1..2000, 03: 1..125...)
  kByteCountMismatch,    // the byte count field disagrees with the quantity
  kByteCountOutOfRange,  // a response byte count that is zero, odd for registers, or too large
  kAddressOverflow,      // start address + quantity runs past register 65535
  kInvalidCoilValue,     // Write Single Coil with a value other than 0x0000 or 0xFF00
  kUnsupportedMeiType,   // FC 43 with an MEI type other than 0x0E
  kInvalidReadDeviceIdCode,  // Read Device Identification code outside 01..04
  kInvalidConformityLevel,   // conformity level other than 01, 02, 03, 81, 82, 83
  kInvalidMoreFollows,       // more-follows byte other than 0x00 or 0xFF
  kFunctionMismatch,         // the response is for another function than the request
  kQuantityMismatch,         // the response carries another amount of data than was asked for
  kEchoMismatch,             // a write response does not echo its request
  kBadProtocolId,            // MBAP protocol id other than 0
  kLengthTooSmall,           // MBAP length 0 or 1: no room for unit id and function code
  kLengthTooLarge,           // MBAP length over 254: more than the largest PDU
  kTransactionMismatch,      // the response's transaction id is not the request's
  kUnitMismatch,             // the response's unit id is not the request's
};

inline constexpr CodecError kLastCodecError = CodecError::kUnitMismatch;

// A decode error and the byte offset (in the PDU, or in the stream for framing errors) where
// it was found.
struct DecodeError {
  CodecError code;
  std::size_t offset = 0;

  friend constexpr bool operator==(const DecodeError&, const DecodeError&) = default;
};

// The aggregates' capacities are the protocol's limits, so any aggregate encodes to a PDU of
// at most 253 bytes: the only misuse left is a buffer too small for it.
enum class EncodeError : std::uint8_t {
  kOutputTooSmall,  // the caller's buffer cannot hold the encoding
};

inline constexpr EncodeError kLastEncodeError = EncodeError::kOutputTooSmall;

std::string_view message(CodecError error);
std::string_view message(EncodeError error);
std::string_view identifier(CodecError error);  // "truncated", "byte-count-mismatch", ...

// The exception code a server answers a request with when decoding it gave this error, in
// the order of the specification's state diagrams: 01 function, 03 quantity and byte count,
// 02 address. None for errors that only a response, or the MBAP framing, can have.
std::optional<ExceptionCode> exception_for(CodecError error);

}  // namespace mbh::codec
