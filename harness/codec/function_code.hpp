#pragma once
// Function and exception codes, with the names the specification gives them.
#include <cstdint>
#include <optional>
#include <string_view>

namespace mbh::codec {

enum class FunctionCode : std::uint8_t {
  kReadCoils = 0x01,
  kReadDiscreteInputs = 0x02,
  kReadHoldingRegisters = 0x03,
  kReadInputRegisters = 0x04,
  kWriteSingleCoil = 0x05,
  kWriteSingleRegister = 0x06,
  kWriteMultipleCoils = 0x0F,
  kWriteMultipleRegisters = 0x10,
  kMaskWriteRegister = 0x16,
  kReadWriteMultipleRegisters = 0x17,
  kEncapsulatedInterface = 0x2B,  // only MEI type 0x0E, Read Device Identification
};

enum class ExceptionCode : std::uint8_t {
  kIllegalFunction = 0x01,
  kIllegalDataAddress = 0x02,
  kIllegalDataValue = 0x03,
  kServerDeviceFailure = 0x04,
  kAcknowledge = 0x05,
  kServerDeviceBusy = 0x06,
  kMemoryParityError = 0x08,
  kGatewayPathUnavailable = 0x0A,
  kGatewayTargetFailedToRespond = 0x0B,
};

// The function codes this codec implements; any other byte is an unsupported function.
std::optional<FunctionCode> to_function_code(std::uint8_t byte);

constexpr std::uint8_t to_byte(FunctionCode code) {
  return static_cast<std::uint8_t>(code);
}
constexpr std::uint8_t to_byte(ExceptionCode code) {
  return static_cast<std::uint8_t>(code);
}

// "Read Holding Registers"; "unknown function" for a byte that names none.
std::string_view function_name(std::uint8_t byte);

// Whether a request with this function byte writes (coils or registers): FC 05, 06, 15, 16,
// 22, 23. What the write-safety code (journal, --plan, test signals) keys on.
constexpr bool is_write_function(std::uint8_t byte) {
  return byte == 0x05 || byte == 0x06 || byte == 0x0F || byte == 0x10 || byte == 0x16 ||
         byte == 0x17;
}
std::string_view name(FunctionCode code);
// The name of an exception byte the specification does not define.
inline constexpr std::string_view kUnknownExceptionName = "unknown exception";
// "Illegal Data Address"; kUnknownExceptionName for a byte the specification does not define.
std::string_view name(ExceptionCode code);
bool is_defined(ExceptionCode code);

}  // namespace mbh::codec
