#pragma once
// Requests and responses of every function code the codec implements, as plain aggregates.
// Each names its function code, its type and its fields (kName, kFields): equality, hashing
// and printing walk the fields through Boost.PFR (aggregate_traits.hpp), not per type.
#include <array>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <variant>

#include "harness/codec/bounded_vector.hpp"
#include "harness/codec/device_objects.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/protocol_limits.hpp"

namespace mbh::codec {

template <std::size_t N>
using RegisterValues = BoundedVector<std::uint16_t, N>;
// Coil and discrete-input states packed eight to a byte, first bit in the LSB of the first
// byte, as the PDU carries them (padding bits included, so that re-encoding is exact).
template <std::size_t N>
using PackedBits = BoundedVector<std::uint8_t, N>;

using Fields2 = std::array<std::string_view, 2>;
using Fields3 = std::array<std::string_view, 3>;

// ---- Requests ---------------------------------------------------------------------------

struct ReadCoilsRequest {
  static constexpr FunctionCode kFunction = FunctionCode::kReadCoils;
  static constexpr std::string_view kName = "ReadCoilsRequest";
  static constexpr Fields2 kFields{"address", "quantity"};
  std::uint16_t address = 0;
  std::uint16_t quantity = 0;
};

struct ReadDiscreteInputsRequest {
  static constexpr FunctionCode kFunction = FunctionCode::kReadDiscreteInputs;
  static constexpr std::string_view kName = "ReadDiscreteInputsRequest";
  static constexpr Fields2 kFields{"address", "quantity"};
  std::uint16_t address = 0;
  std::uint16_t quantity = 0;
};

struct ReadHoldingRegistersRequest {
  static constexpr FunctionCode kFunction = FunctionCode::kReadHoldingRegisters;
  static constexpr std::string_view kName = "ReadHoldingRegistersRequest";
  static constexpr Fields2 kFields{"address", "quantity"};
  std::uint16_t address = 0;
  std::uint16_t quantity = 0;
};

struct ReadInputRegistersRequest {
  static constexpr FunctionCode kFunction = FunctionCode::kReadInputRegisters;
  static constexpr std::string_view kName = "ReadInputRegistersRequest";
  static constexpr Fields2 kFields{"address", "quantity"};
  std::uint16_t address = 0;
  std::uint16_t quantity = 0;
};

struct WriteSingleCoilRequest {
  static constexpr FunctionCode kFunction = FunctionCode::kWriteSingleCoil;
  static constexpr std::string_view kName = "WriteSingleCoilRequest";
  static constexpr Fields2 kFields{"address", "value"};
  std::uint16_t address = 0;
  std::uint16_t value = kCoilOff;  // 0xFF00 on, 0x0000 off
};

struct WriteSingleRegisterRequest {
  static constexpr FunctionCode kFunction = FunctionCode::kWriteSingleRegister;
  static constexpr std::string_view kName = "WriteSingleRegisterRequest";
  static constexpr Fields2 kFields{"address", "value"};
  std::uint16_t address = 0;
  std::uint16_t value = 0;
};

struct WriteMultipleCoilsRequest {
  static constexpr FunctionCode kFunction = FunctionCode::kWriteMultipleCoils;
  static constexpr std::string_view kName = "WriteMultipleCoilsRequest";
  static constexpr Fields3 kFields{"address", "quantity", "bits"};
  std::uint16_t address = 0;
  std::uint16_t quantity = 0;  // bits; the byte count on the wire is bits.size()
  PackedBits<kMaxWriteBitBytes> bits;
};

struct WriteMultipleRegistersRequest {
  static constexpr FunctionCode kFunction = FunctionCode::kWriteMultipleRegisters;
  static constexpr std::string_view kName = "WriteMultipleRegistersRequest";
  static constexpr Fields2 kFields{"address", "values"};
  std::uint16_t address = 0;
  RegisterValues<kMaxWriteRegisters> values;  // quantity and byte count follow from these
};

struct MaskWriteRegisterRequest {
  static constexpr FunctionCode kFunction = FunctionCode::kMaskWriteRegister;
  static constexpr std::string_view kName = "MaskWriteRegisterRequest";
  static constexpr Fields3 kFields{"address", "and_mask", "or_mask"};
  std::uint16_t address = 0;
  std::uint16_t and_mask = 0;
  std::uint16_t or_mask = 0;
};

struct ReadWriteMultipleRegistersRequest {
  static constexpr FunctionCode kFunction = FunctionCode::kReadWriteMultipleRegisters;
  static constexpr std::string_view kName = "ReadWriteMultipleRegistersRequest";
  static constexpr std::array<std::string_view, 4> kFields{"read_address", "read_quantity",
                                                           "write_address", "values"};
  std::uint16_t read_address = 0;
  std::uint16_t read_quantity = 0;
  std::uint16_t write_address = 0;
  RegisterValues<kMaxReadWriteRegisters> values;
};

struct ReadDeviceIdentificationRequest {
  static constexpr FunctionCode kFunction = FunctionCode::kEncapsulatedInterface;
  static constexpr std::string_view kName = "ReadDeviceIdentificationRequest";
  static constexpr Fields2 kFields{"read_code", "object_id"};
  std::uint8_t read_code = 1;  // 01 basic, 02 regular, 03 extended, 04 one object
  std::uint8_t object_id = 0;
};

using Request =
    std::variant<ReadCoilsRequest, ReadDiscreteInputsRequest, ReadHoldingRegistersRequest,
                 ReadInputRegistersRequest, WriteSingleCoilRequest, WriteSingleRegisterRequest,
                 WriteMultipleCoilsRequest, WriteMultipleRegistersRequest, MaskWriteRegisterRequest,
                 ReadWriteMultipleRegistersRequest, ReadDeviceIdentificationRequest>;

// ---- Responses --------------------------------------------------------------------------

struct ReadCoilsResponse {
  static constexpr FunctionCode kFunction = FunctionCode::kReadCoils;
  static constexpr std::string_view kName = "ReadCoilsResponse";
  static constexpr std::array<std::string_view, 1> kFields{"bits"};
  PackedBits<kMaxReadBitBytes> bits;  // the byte count on the wire is bits.size()
};

struct ReadDiscreteInputsResponse {
  static constexpr FunctionCode kFunction = FunctionCode::kReadDiscreteInputs;
  static constexpr std::string_view kName = "ReadDiscreteInputsResponse";
  static constexpr std::array<std::string_view, 1> kFields{"bits"};
  PackedBits<kMaxReadBitBytes> bits;
};

struct ReadHoldingRegistersResponse {
  static constexpr FunctionCode kFunction = FunctionCode::kReadHoldingRegisters;
  static constexpr std::string_view kName = "ReadHoldingRegistersResponse";
  static constexpr std::array<std::string_view, 1> kFields{"values"};
  RegisterValues<kMaxReadRegisters> values;
};

struct ReadInputRegistersResponse {
  static constexpr FunctionCode kFunction = FunctionCode::kReadInputRegisters;
  static constexpr std::string_view kName = "ReadInputRegistersResponse";
  static constexpr std::array<std::string_view, 1> kFields{"values"};
  RegisterValues<kMaxReadRegisters> values;
};

struct WriteSingleCoilResponse {
  static constexpr FunctionCode kFunction = FunctionCode::kWriteSingleCoil;
  static constexpr std::string_view kName = "WriteSingleCoilResponse";
  static constexpr Fields2 kFields{"address", "value"};
  std::uint16_t address = 0;
  std::uint16_t value = kCoilOff;
};

struct WriteSingleRegisterResponse {
  static constexpr FunctionCode kFunction = FunctionCode::kWriteSingleRegister;
  static constexpr std::string_view kName = "WriteSingleRegisterResponse";
  static constexpr Fields2 kFields{"address", "value"};
  std::uint16_t address = 0;
  std::uint16_t value = 0;
};

struct WriteMultipleCoilsResponse {
  static constexpr FunctionCode kFunction = FunctionCode::kWriteMultipleCoils;
  static constexpr std::string_view kName = "WriteMultipleCoilsResponse";
  static constexpr Fields2 kFields{"address", "quantity"};
  std::uint16_t address = 0;
  std::uint16_t quantity = 0;
};

struct WriteMultipleRegistersResponse {
  static constexpr FunctionCode kFunction = FunctionCode::kWriteMultipleRegisters;
  static constexpr std::string_view kName = "WriteMultipleRegistersResponse";
  static constexpr Fields2 kFields{"address", "quantity"};
  std::uint16_t address = 0;
  std::uint16_t quantity = 0;
};

struct MaskWriteRegisterResponse {
  static constexpr FunctionCode kFunction = FunctionCode::kMaskWriteRegister;
  static constexpr std::string_view kName = "MaskWriteRegisterResponse";
  static constexpr Fields3 kFields{"address", "and_mask", "or_mask"};
  std::uint16_t address = 0;
  std::uint16_t and_mask = 0;
  std::uint16_t or_mask = 0;
};

struct ReadWriteMultipleRegistersResponse {
  static constexpr FunctionCode kFunction = FunctionCode::kReadWriteMultipleRegisters;
  static constexpr std::string_view kName = "ReadWriteMultipleRegistersResponse";
  static constexpr std::array<std::string_view, 1> kFields{"values"};
  RegisterValues<kMaxReadRegisters> values;
};

struct ReadDeviceIdentificationResponse {
  static constexpr FunctionCode kFunction = FunctionCode::kEncapsulatedInterface;
  static constexpr std::string_view kName = "ReadDeviceIdentificationResponse";
  static constexpr std::array<std::string_view, 5> kFields{
      "read_code", "conformity_level", "more_follows", "next_object_id", "objects"};
  std::uint8_t read_code = 1;
  std::uint8_t conformity_level = 0x01;
  std::uint8_t more_follows = 0x00;  // 0x00 or 0xFF
  std::uint8_t next_object_id = 0;
  DeviceObjects objects;
};

// Function code + 0x80 and one exception code. `function` is the request's code (the byte
// without the 0x80 flag), kept as a byte since a device may refuse any code, known or not.
struct ExceptionResponse {
  static constexpr std::string_view kName = "ExceptionResponse";
  static constexpr Fields2 kFields{"function", "code"};
  std::uint8_t function = 0;
  ExceptionCode code = ExceptionCode::kIllegalFunction;
};

using Response =
    std::variant<ReadCoilsResponse, ReadDiscreteInputsResponse, ReadHoldingRegistersResponse,
                 ReadInputRegistersResponse, WriteSingleCoilResponse, WriteSingleRegisterResponse,
                 WriteMultipleCoilsResponse, WriteMultipleRegistersResponse,
                 MaskWriteRegisterResponse, ReadWriteMultipleRegistersResponse,
                 ReadDeviceIdentificationResponse, ExceptionResponse>;

// The function code byte of each alternative of a variant of PDUs, by index: the byte is the
// type's, so function_byte() looks it up instead of visiting. 0 for ExceptionResponse, whose
// byte is the refused function's.
template <class... T>
constexpr std::array<std::uint8_t, sizeof...(T)> function_bytes(
    std::type_identity<std::variant<T...>>) {
  return {[] {
    if constexpr (requires { T::kFunction; }) return to_byte(T::kFunction);
    return std::uint8_t{0};
  }()...};
}

// The function code byte a PDU starts with (for an exception, the code + 0x80).
std::uint8_t function_byte(const Request& request);
std::uint8_t function_byte(const Response& response);

}  // namespace mbh::codec
