#include "harness/codec/codec_error.hpp"

namespace mbh::codec {

std::string_view message(CodecError error) {
  switch (error) {
    case CodecError::kTruncated:
      return "the frame ends before its layout does";
    case CodecError::kTrailingBytes:
      return "bytes follow the end of the layout";
    case CodecError::kPduTooLarge:
      return "PDU longer than 253 bytes";
    case CodecError::kUnsupportedFunction:
      return "function code not implemented";
    case CodecError::kQuantityOutOfRange:
      return "quantity outside the function's limits";
    case CodecError::kByteCountMismatch:
      return "byte count disagrees with the quantity";
    case CodecError::kByteCountOutOfRange:
      return "byte count is zero, odd for registers, or over the limit";
    case CodecError::kAddressOverflow:
      return "start address + quantity runs past address 65535";
    case CodecError::kInvalidCoilValue:
      return "coil value is neither 0x0000 (off) nor 0xFF00 (on)";
    case CodecError::kUnsupportedMeiType:
      return "MEI type is not 0x0E (Read Device Identification)";
    case CodecError::kInvalidReadDeviceIdCode:
      return "Read Device ID code outside 01..04";
    case CodecError::kInvalidConformityLevel:
      return "conformity level is not 01, 02, 03, 81, 82 or 83";
    case CodecError::kInvalidMoreFollows:
      return "more-follows byte is neither 0x00 nor 0xFF";
    case CodecError::kFunctionMismatch:
      return "response function code is not the request's";
    case CodecError::kQuantityMismatch:
      return "response carries another amount of data than the request asked for";
    case CodecError::kEchoMismatch:
      return "write response does not echo the request";
    case CodecError::kBadProtocolId:
      return "MBAP protocol id is not 0";
    case CodecError::kLengthTooSmall:
      return "MBAP length below 2 (unit id + function code)";
    case CodecError::kLengthTooLarge:
      return "MBAP length above 254 (unit id + 253-byte PDU)";
    case CodecError::kTransactionMismatch:
      return "response transaction id is not the request's";
    case CodecError::kUnitMismatch:
      return "response unit id is not the request's";
  }
  return "unknown codec error";
}

std::string_view identifier(CodecError error) {
  switch (error) {
    case CodecError::kTruncated:
      return "truncated";
    case CodecError::kTrailingBytes:
      return "trailing-bytes";
    case CodecError::kPduTooLarge:
      return "pdu-too-large";
    case CodecError::kUnsupportedFunction:
      return "unsupported-function";
    case CodecError::kQuantityOutOfRange:
      return "quantity-out-of-range";
    case CodecError::kByteCountMismatch:
      return "byte-count-mismatch";
    case CodecError::kByteCountOutOfRange:
      return "byte-count-out-of-range";
    case CodecError::kAddressOverflow:
      return "address-overflow";
    case CodecError::kInvalidCoilValue:
      return "invalid-coil-value";
    case CodecError::kUnsupportedMeiType:
      return "unsupported-mei-type";
    case CodecError::kInvalidReadDeviceIdCode:
      return "invalid-read-device-id-code";
    case CodecError::kInvalidConformityLevel:
      return "invalid-conformity-level";
    case CodecError::kInvalidMoreFollows:
      return "invalid-more-follows";
    case CodecError::kFunctionMismatch:
      return "function-mismatch";
    case CodecError::kQuantityMismatch:
      return "quantity-mismatch";
    case CodecError::kEchoMismatch:
      return "echo-mismatch";
    case CodecError::kBadProtocolId:
      return "bad-protocol-id";
    case CodecError::kLengthTooSmall:
      return "length-too-small";
    case CodecError::kLengthTooLarge:
      return "length-too-large";
    case CodecError::kTransactionMismatch:
      return "transaction-mismatch";
    case CodecError::kUnitMismatch:
      return "unit-mismatch";
  }
  return "unknown";
}

std::string_view message(EncodeError error) {
  switch (error) {
    case EncodeError::kOutputTooSmall:
      return "output buffer too small for the encoding";
  }
  return "unknown encode error";
}

std::optional<ExceptionCode> exception_for(CodecError error) {
  switch (error) {
    case CodecError::kUnsupportedFunction:
    case CodecError::kUnsupportedMeiType:
      return ExceptionCode::kIllegalFunction;
    case CodecError::kTruncated:
    case CodecError::kTrailingBytes:
    case CodecError::kPduTooLarge:
    case CodecError::kQuantityOutOfRange:
    case CodecError::kByteCountMismatch:
    case CodecError::kInvalidCoilValue:
    case CodecError::kInvalidReadDeviceIdCode:
      return ExceptionCode::kIllegalDataValue;
    case CodecError::kAddressOverflow:
      return ExceptionCode::kIllegalDataAddress;
    case CodecError::kByteCountOutOfRange:
    case CodecError::kInvalidConformityLevel:
    case CodecError::kInvalidMoreFollows:
    case CodecError::kFunctionMismatch:
    case CodecError::kQuantityMismatch:
    case CodecError::kEchoMismatch:
    case CodecError::kBadProtocolId:
    case CodecError::kLengthTooSmall:
    case CodecError::kLengthTooLarge:
    case CodecError::kTransactionMismatch:
    case CodecError::kUnitMismatch:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace mbh::codec
