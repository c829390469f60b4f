#include "harness/codec/request_codec.hpp"

#include <type_traits>
#include <utility>

#include "harness/codec/byte_io.hpp"
#include "harness/codec/pdu_checks.hpp"
#include "harness/codec/two_word_pdu.hpp"
#include "harness/codec/visit_inline.hpp"

namespace mbh::codec {
namespace {

using RequestResult = Result<Request, DecodeError>;

// The checks every request gets once its bytes are read: limits and address range, in the
// state diagrams' order. The same function answers validate(), so the two cannot disagree.
template <class T>
std::optional<DecodeError> check_fields(const T& r) {
  if constexpr (std::is_same_v<T, ReadCoilsRequest> ||
                std::is_same_v<T, ReadDiscreteInputsRequest>) {
    return check_read(r.address, r.quantity, kMaxReadBits);
  } else if constexpr (std::is_same_v<T, ReadHoldingRegistersRequest> ||
                       std::is_same_v<T, ReadInputRegistersRequest>) {
    return check_read(r.address, r.quantity, kMaxReadRegisters);
  } else if constexpr (std::is_same_v<T, WriteSingleCoilRequest>) {
    return check_coil_value(r.value);
  } else if constexpr (std::is_same_v<T, WriteMultipleCoilsRequest>) {
    return check_write_bits(r.address, r.quantity, r.bits.size());
  } else if constexpr (std::is_same_v<T, WriteMultipleRegistersRequest>) {
    return check_read(r.address, static_cast<std::uint16_t>(r.values.size()), kMaxWriteRegisters);
  } else if constexpr (std::is_same_v<T, ReadWriteMultipleRegistersRequest>) {
    return check_read_write(r.read_address, r.read_quantity, r.write_address, r.values.size());
  } else if constexpr (std::is_same_v<T, ReadDeviceIdentificationRequest>) {
    return check_read_device_id_code(r.read_code, 2);
  } else {
    return std::nullopt;  // FC 06 and 22: any address and value are well formed
  }
}

std::optional<DecodeError> check(const Request& request) {
  return visit_inline([](const auto& r) { return check_fields(r); }, request);
}

// The decoders know the type they read: checked and built in the result by type, without
// visiting the variant.
template <class T>
RequestResult checked(T&& r) {
  if (auto error = check_fields(r)) return fail(*error);
  return RequestResult(std::in_place, std::in_place_type<std::decay_t<T>>, std::forward<T>(r));
}

template <class T>
RequestResult decode_address_and_word(ByteReader& in) {
  if (auto error = expect_exactly(in, 4)) return fail(*error);
  return checked(read_address_and_word<T>(in));
}

RequestResult decode_write_multiple_coils(ByteReader& in) {
  if (!in.has(5)) return error_at(CodecError::kTruncated, in.offset() + in.remaining());
  WriteMultipleCoilsRequest r;
  r.address = in.u16();
  r.quantity = in.u16();
  const std::uint8_t byte_count = in.u8();
  if (auto error = check_quantity(r.quantity, kMaxWriteBits, 3)) return fail(*error);
  if (byte_count != bit_bytes(r.quantity)) return error_at(CodecError::kByteCountMismatch, 5);
  if (auto error = expect_exactly(in, byte_count)) return fail(*error);
  r.bits.assign(as_u8(in.take(byte_count)));
  return checked(std::move(r));
}

template <std::size_t N>
std::optional<DecodeError> read_registers(ByteReader& in, std::uint16_t quantity, std::uint16_t max,
                                          std::size_t quantity_at, RegisterValues<N>& values) {
  const std::size_t count_at = in.offset();
  const std::uint8_t byte_count = in.u8();
  if (auto error = check_quantity(quantity, max, quantity_at)) return error;
  if (byte_count != 2U * quantity) return DecodeError{CodecError::kByteCountMismatch, count_at};
  if (auto error = expect_exactly(in, byte_count)) return error;
  in.u16s(quantity, values);
  return std::nullopt;
}

RequestResult decode_write_multiple_registers(ByteReader& in) {
  if (!in.has(5)) return error_at(CodecError::kTruncated, in.offset() + in.remaining());
  WriteMultipleRegistersRequest r;
  r.address = in.u16();
  const std::uint16_t quantity = in.u16();
  if (auto error = read_registers(in, quantity, kMaxWriteRegisters, 3, r.values)) {
    return fail(*error);
  }
  return checked(std::move(r));
}

RequestResult decode_read_write_multiple_registers(ByteReader& in) {
  if (!in.has(9)) return error_at(CodecError::kTruncated, in.offset() + in.remaining());
  ReadWriteMultipleRegistersRequest r;
  r.read_address = in.u16();
  r.read_quantity = in.u16();
  r.write_address = in.u16();
  const std::uint16_t write_quantity = in.u16();
  if (auto error = check_quantity(r.read_quantity, kMaxReadRegisters, 3)) return fail(*error);
  if (auto error = read_registers(in, write_quantity, kMaxReadWriteRegisters, 7, r.values)) {
    return fail(*error);
  }
  return checked(std::move(r));
}

RequestResult decode_mask_write_register(ByteReader& in) {
  if (auto error = expect_exactly(in, 6)) return fail(*error);
  MaskWriteRegisterRequest r;
  r.address = in.u16();
  r.and_mask = in.u16();
  r.or_mask = in.u16();
  return checked(std::move(r));
}

RequestResult decode_read_device_identification(ByteReader& in) {
  if (!in.has(1)) return error_at(CodecError::kTruncated, in.offset());
  if (in.u8() != kMeiReadDeviceId) return error_at(CodecError::kUnsupportedMeiType, 1);
  if (auto error = expect_exactly(in, 2)) return fail(*error);
  ReadDeviceIdentificationRequest r;
  r.read_code = in.u8();
  r.object_id = in.u8();
  return checked(std::move(r));
}

}  // namespace

RequestResult decode_request(std::span<const std::byte> pdu) {
  ByteReader in(pdu);
  if (pdu.size() > kMaxPduSize) return error_at(CodecError::kPduTooLarge, kMaxPduSize);
  if (!in.has(1)) return error_at(CodecError::kTruncated, 0);
  const auto code = to_function_code(in.u8());
  if (!code) return error_at(CodecError::kUnsupportedFunction, 0);
  switch (*code) {
    case FunctionCode::kReadCoils:
      return decode_address_and_word<ReadCoilsRequest>(in);
    case FunctionCode::kReadDiscreteInputs:
      return decode_address_and_word<ReadDiscreteInputsRequest>(in);
    case FunctionCode::kReadHoldingRegisters:
      return decode_address_and_word<ReadHoldingRegistersRequest>(in);
    case FunctionCode::kReadInputRegisters:
      return decode_address_and_word<ReadInputRegistersRequest>(in);
    case FunctionCode::kWriteSingleCoil:
      return decode_address_and_word<WriteSingleCoilRequest>(in);
    case FunctionCode::kWriteSingleRegister:
      return decode_address_and_word<WriteSingleRegisterRequest>(in);
    case FunctionCode::kWriteMultipleCoils:
      return decode_write_multiple_coils(in);
    case FunctionCode::kWriteMultipleRegisters:
      return decode_write_multiple_registers(in);
    case FunctionCode::kMaskWriteRegister:
      return decode_mask_write_register(in);
    case FunctionCode::kReadWriteMultipleRegisters:
      return decode_read_write_multiple_registers(in);
    case FunctionCode::kEncapsulatedInterface:
      return decode_read_device_identification(in);
  }
  return error_at(CodecError::kUnsupportedFunction, 0);
}

Result<std::size_t, EncodeError> encode_request(const Request& request, std::span<std::byte> out) {
  ByteWriter w(out);
  w.u8(function_byte(request));
  visit_inline(
      [&w](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, WriteMultipleCoilsRequest>) {
          w.u16(r.address);
          w.u16(r.quantity);
          w.u8(static_cast<std::uint8_t>(r.bits.size()));
          w.bytes(r.bits.span());
        } else if constexpr (std::is_same_v<T, WriteMultipleRegistersRequest>) {
          w.u16(r.address);
          w.u16(static_cast<std::uint16_t>(r.values.size()));
          w.u8(static_cast<std::uint8_t>(2 * r.values.size()));
          w.u16s(r.values.span());
        } else if constexpr (std::is_same_v<T, MaskWriteRegisterRequest>) {
          w.u16(r.address);
          w.u16(r.and_mask);
          w.u16(r.or_mask);
        } else if constexpr (std::is_same_v<T, ReadWriteMultipleRegistersRequest>) {
          w.u16(r.read_address);
          w.u16(r.read_quantity);
          w.u16(r.write_address);
          w.u16(static_cast<std::uint16_t>(r.values.size()));
          w.u8(static_cast<std::uint8_t>(2 * r.values.size()));
          w.u16s(r.values.span());
        } else if constexpr (std::is_same_v<T, ReadDeviceIdentificationRequest>) {
          w.u8(kMeiReadDeviceId);
          w.u8(r.read_code);
          w.u8(r.object_id);
        } else {
          write_address_and_word(w, r);
        }
      },
      request);
  if (w.overflowed()) return fail(EncodeError::kOutputTooSmall);
  return w.size();
}

std::optional<CodecError> validate(const Request& request) {
  if (auto error = check(request)) return error->code;
  return std::nullopt;
}

std::uint8_t function_byte(const Request& request) {
  static constexpr auto kFunctionBytes = function_bytes(std::type_identity<Request>{});
  return kFunctionBytes[request.index()];
}

}  // namespace mbh::codec
