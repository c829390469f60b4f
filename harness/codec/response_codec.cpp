#include "harness/codec/response_codec.hpp"

#include <type_traits>
#include <utility>

#include "harness/codec/byte_io.hpp"
#include "harness/codec/pdu_checks.hpp"
#include "harness/codec/two_word_pdu.hpp"
#include "harness/codec/visit_inline.hpp"

namespace mbh::codec {
namespace {

using ResponseResult = Result<Response, DecodeError>;

bool is_conformity_level(std::uint8_t level) {
  return (level >= 0x01 && level <= 0x03) || (level >= 0x81 && level <= 0x83);
}

// Field checks of a response whose bytes were read, shared with validate().
template <class T>
std::optional<DecodeError> check_fields(const T& r) {
  if constexpr (std::is_same_v<T, ExceptionResponse>) {
    // The flag is the encoder's to add: a function byte with it set cannot round-trip.
    if ((r.function & kExceptionFlag) != 0) {
      return DecodeError{CodecError::kUnsupportedFunction, 0};
    }
  } else if constexpr (std::is_same_v<T, ReadCoilsResponse> ||
                       std::is_same_v<T, ReadDiscreteInputsResponse>) {
    if (r.bits.empty()) return DecodeError{CodecError::kByteCountOutOfRange, 1};
  } else if constexpr (requires { r.values; }) {
    if (r.values.empty()) return DecodeError{CodecError::kByteCountOutOfRange, 1};
  } else if constexpr (std::is_same_v<T, WriteSingleCoilResponse>) {
    return check_coil_value(r.value);
  } else if constexpr (std::is_same_v<T, WriteMultipleCoilsResponse>) {
    return check_read(r.address, r.quantity, kMaxWriteBits);
  } else if constexpr (std::is_same_v<T, WriteMultipleRegistersResponse>) {
    return check_read(r.address, r.quantity, kMaxWriteRegisters);
  } else if constexpr (std::is_same_v<T, ReadDeviceIdentificationResponse>) {
    if (auto error = check_read_device_id_code(r.read_code, 2)) return error;
    if (!is_conformity_level(r.conformity_level)) {
      return DecodeError{CodecError::kInvalidConformityLevel, 3};
    }
    if (r.more_follows != 0x00 && r.more_follows != 0xFF) {
      return DecodeError{CodecError::kInvalidMoreFollows, 4};
    }
  }
  return std::nullopt;
}

std::optional<DecodeError> check(const Response& response) {
  return visit_inline([](const auto& r) { return check_fields(r); }, response);
}

// The decoders know the type they read: checked and built in the result by type, without
// visiting the variant (each visit is a jump through a table, and a copy more of the values).
template <class T>
ResponseResult checked(T&& r) {
  if (auto error = check_fields(r)) return fail(*error);
  return ResponseResult(std::in_place, std::in_place_type<std::decay_t<T>>, std::forward<T>(r));
}

// FC 01/02: a byte count, then that many bytes of packed bits.
template <class T>
ResponseResult decode_bits(ByteReader& in) {
  if (!in.has(1)) return error_at(CodecError::kTruncated, 1);
  const std::uint8_t byte_count = in.u8();
  if (byte_count == 0 || byte_count > kMaxReadBitBytes) {
    return error_at(CodecError::kByteCountOutOfRange, 1);
  }
  if (auto error = expect_exactly(in, byte_count)) return fail(*error);
  T r;
  r.bits.assign(as_u8(in.take(byte_count)));
  return checked(std::move(r));
}

// FC 03/04/23: an even byte count, then that many bytes of registers.
template <class T>
ResponseResult decode_registers(ByteReader& in) {
  if (!in.has(1)) return error_at(CodecError::kTruncated, 1);
  const std::uint8_t byte_count = in.u8();
  if (byte_count == 0 || byte_count % 2 != 0 || byte_count > 2 * kMaxReadRegisters) {
    return error_at(CodecError::kByteCountOutOfRange, 1);
  }
  if (auto error = expect_exactly(in, byte_count)) return fail(*error);
  T r;
  in.u16s(byte_count / 2U, r.values);
  return checked(std::move(r));
}

template <class T>
ResponseResult decode_two_words(ByteReader& in) {
  if (auto error = expect_exactly(in, 4)) return fail(*error);
  return checked(read_address_and_word<T>(in));
}

ResponseResult decode_mask_write_register(ByteReader& in) {
  if (auto error = expect_exactly(in, 6)) return fail(*error);
  MaskWriteRegisterResponse r;
  r.address = in.u16();
  r.and_mask = in.u16();
  r.or_mask = in.u16();
  return checked(std::move(r));
}

ResponseResult decode_read_device_identification(ByteReader& in) {
  if (!in.has(1)) return error_at(CodecError::kTruncated, 1);
  if (in.u8() != kMeiReadDeviceId) return error_at(CodecError::kUnsupportedMeiType, 1);
  if (!in.has(5)) return error_at(CodecError::kTruncated, in.offset() + in.remaining());
  // Read code, conformity level, more follows, next object id, number of objects.
  const auto header = as_u8(in.take(5));
  ReadDeviceIdentificationResponse r;
  r.read_code = header[0];
  r.conformity_level = header[1];
  r.more_follows = header[2];
  r.next_object_id = header[3];
  const std::uint8_t count = header[4];
  const std::size_t objects_at = in.offset();
  // The PDU limit leaves the objects at most the 246 bytes a DeviceObjects holds: take()
  // fails only where they run past the PDU.
  const auto length = r.objects.take(count, as_u8(in.take(in.remaining())));
  if (!length) return error_at(CodecError::kTruncated, in.offset());
  if (objects_at + *length != in.offset()) {
    return error_at(CodecError::kTrailingBytes, objects_at + *length);
  }
  return checked(std::move(r));
}

}  // namespace

ResponseResult decode_response_unpaired(std::span<const std::byte> pdu) {
  ByteReader in(pdu);
  if (pdu.size() > kMaxPduSize) return error_at(CodecError::kPduTooLarge, kMaxPduSize);
  if (!in.has(1)) return error_at(CodecError::kTruncated, 0);
  const std::uint8_t function = in.u8();
  if ((function & kExceptionFlag) != 0) {
    if (auto error = expect_exactly(in, 1)) return fail(*error);
    return checked(ExceptionResponse{static_cast<std::uint8_t>(function & ~kExceptionFlag),
                                     static_cast<ExceptionCode>(in.u8())});
  }
  const auto code = to_function_code(function);
  if (!code) return error_at(CodecError::kUnsupportedFunction, 0);
  switch (*code) {
    case FunctionCode::kReadCoils:
      return decode_bits<ReadCoilsResponse>(in);
    case FunctionCode::kReadDiscreteInputs:
      return decode_bits<ReadDiscreteInputsResponse>(in);
    case FunctionCode::kReadHoldingRegisters:
      return decode_registers<ReadHoldingRegistersResponse>(in);
    case FunctionCode::kReadInputRegisters:
      return decode_registers<ReadInputRegistersResponse>(in);
    case FunctionCode::kWriteSingleCoil:
      return decode_two_words<WriteSingleCoilResponse>(in);
    case FunctionCode::kWriteSingleRegister:
      return decode_two_words<WriteSingleRegisterResponse>(in);
    case FunctionCode::kWriteMultipleCoils:
      return decode_two_words<WriteMultipleCoilsResponse>(in);
    case FunctionCode::kWriteMultipleRegisters:
      return decode_two_words<WriteMultipleRegistersResponse>(in);
    case FunctionCode::kMaskWriteRegister:
      return decode_mask_write_register(in);
    case FunctionCode::kReadWriteMultipleRegisters:
      return decode_registers<ReadWriteMultipleRegistersResponse>(in);
    case FunctionCode::kEncapsulatedInterface:
      return decode_read_device_identification(in);
  }
  return error_at(CodecError::kUnsupportedFunction, 0);
}

std::optional<DecodeError> check_answers(const Response& response, const Request& request) {
  const std::uint8_t asked = function_byte(request);
  if (const auto* exception = std::get_if<ExceptionResponse>(&response)) {
    if (exception->function != asked) return DecodeError{CodecError::kFunctionMismatch, 0};
    return std::nullopt;
  }
  if (function_byte(response) != asked) return DecodeError{CodecError::kFunctionMismatch, 0};
  // The function bytes match: the response is of the type that answers the request's.
  const DecodeError quantity_mismatch{CodecError::kQuantityMismatch, 1};
  const DecodeError echo_mismatch{CodecError::kEchoMismatch, 1};
  return visit_inline(
      [&](const auto& q) -> std::optional<DecodeError> {
        using Q = std::decay_t<decltype(q)>;
        if constexpr (std::is_same_v<Q, ReadCoilsRequest>) {
          const auto& r = *std::get_if<ReadCoilsResponse>(&response);
          if (r.bits.size() != bit_bytes(q.quantity)) return quantity_mismatch;
        } else if constexpr (std::is_same_v<Q, ReadDiscreteInputsRequest>) {
          const auto& r = *std::get_if<ReadDiscreteInputsResponse>(&response);
          if (r.bits.size() != bit_bytes(q.quantity)) return quantity_mismatch;
        } else if constexpr (std::is_same_v<Q, ReadHoldingRegistersRequest>) {
          const auto& r = *std::get_if<ReadHoldingRegistersResponse>(&response);
          if (r.values.size() != q.quantity) return quantity_mismatch;
        } else if constexpr (std::is_same_v<Q, ReadInputRegistersRequest>) {
          const auto& r = *std::get_if<ReadInputRegistersResponse>(&response);
          if (r.values.size() != q.quantity) return quantity_mismatch;
        } else if constexpr (std::is_same_v<Q, ReadWriteMultipleRegistersRequest>) {
          const auto& r = *std::get_if<ReadWriteMultipleRegistersResponse>(&response);
          if (r.values.size() != q.read_quantity) return quantity_mismatch;
        } else if constexpr (std::is_same_v<Q, WriteSingleCoilRequest>) {
          const auto& r = *std::get_if<WriteSingleCoilResponse>(&response);
          if (r.address != q.address || r.value != q.value) return echo_mismatch;
        } else if constexpr (std::is_same_v<Q, WriteSingleRegisterRequest>) {
          const auto& r = *std::get_if<WriteSingleRegisterResponse>(&response);
          if (r.address != q.address || r.value != q.value) return echo_mismatch;
        } else if constexpr (std::is_same_v<Q, WriteMultipleCoilsRequest>) {
          const auto& r = *std::get_if<WriteMultipleCoilsResponse>(&response);
          if (r.address != q.address || r.quantity != q.quantity) return echo_mismatch;
        } else if constexpr (std::is_same_v<Q, WriteMultipleRegistersRequest>) {
          const auto& r = *std::get_if<WriteMultipleRegistersResponse>(&response);
          if (r.address != q.address || r.quantity != q.values.size()) return echo_mismatch;
        } else if constexpr (std::is_same_v<Q, MaskWriteRegisterRequest>) {
          const auto& r = *std::get_if<MaskWriteRegisterResponse>(&response);
          if (r.address != q.address || r.and_mask != q.and_mask || r.or_mask != q.or_mask) {
            return echo_mismatch;
          }
        } else if constexpr (std::is_same_v<Q, ReadDeviceIdentificationRequest>) {
          const auto& r = *std::get_if<ReadDeviceIdentificationResponse>(&response);
          if (r.read_code != q.read_code) return DecodeError{CodecError::kEchoMismatch, 2};
        }
        return std::nullopt;
      },
      request);
}

ResponseResult decode_response(std::span<const std::byte> pdu, const Request& request) {
  // One named result returned on every path, so that it is built in the caller's place.
  auto decoded = decode_response_unpaired(pdu);
  if (decoded) {
    if (auto error = check_answers(*decoded, request)) decoded = fail(*error);
  }
  return decoded;
}

Result<std::size_t, EncodeError> encode_response(const Response& response,
                                                 std::span<std::byte> out) {
  ByteWriter w(out);
  w.u8(function_byte(response));
  visit_inline(
      [&w](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, ExceptionResponse>) {
          w.u8(to_byte(r.code));
        } else if constexpr (requires { r.bits; }) {
          w.u8(static_cast<std::uint8_t>(r.bits.size()));
          w.bytes(r.bits.span());
        } else if constexpr (requires { r.values; }) {
          w.u8(static_cast<std::uint8_t>(2 * r.values.size()));
          w.u16s(r.values.span());
        } else if constexpr (std::is_same_v<T, MaskWriteRegisterResponse>) {
          w.u16(r.address);
          w.u16(r.and_mask);
          w.u16(r.or_mask);
        } else if constexpr (std::is_same_v<T, ReadDeviceIdentificationResponse>) {
          w.u8(kMeiReadDeviceId);
          w.u8(r.read_code);
          w.u8(r.conformity_level);
          w.u8(r.more_follows);
          w.u8(r.next_object_id);
          w.u8(static_cast<std::uint8_t>(r.objects.count()));
          w.bytes(r.objects.bytes());
        } else {
          write_address_and_word(w, r);
        }
      },
      response);
  if (w.overflowed()) return fail(EncodeError::kOutputTooSmall);
  return w.size();
}

std::optional<CodecError> validate(const Response& response) {
  if (auto error = check(response)) return error->code;
  return std::nullopt;
}

std::uint8_t function_byte(const Response& response) {
  static constexpr auto kFunctionBytes = function_bytes(std::type_identity<Response>{});
  if (const auto* exception = std::get_if<ExceptionResponse>(&response)) {
    return static_cast<std::uint8_t>(exception->function | kExceptionFlag);
  }
  return kFunctionBytes[response.index()];
}

}  // namespace mbh::codec
