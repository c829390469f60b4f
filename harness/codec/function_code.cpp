#include "harness/codec/function_code.hpp"

namespace mbh::codec {

std::optional<FunctionCode> to_function_code(std::uint8_t byte) {
  switch (byte) {
    case 0x01:
    case 0x02:
    case 0x03:
    case 0x04:
    case 0x05:
    case 0x06:
    case 0x0F:
    case 0x10:
    case 0x16:
    case 0x17:
    case 0x2B:
      return static_cast<FunctionCode>(byte);
    default:
      return std::nullopt;
  }
}

std::string_view name(FunctionCode code) {
  switch (code) {
    case FunctionCode::kReadCoils:
      return "Read Coils";
    case FunctionCode::kReadDiscreteInputs:
      return "Read Discrete Inputs";
    case FunctionCode::kReadHoldingRegisters:
      return "Read Holding Registers";
    case FunctionCode::kReadInputRegisters:
      return "Read Input Registers";
    case FunctionCode::kWriteSingleCoil:
      return "Write Single Coil";
    case FunctionCode::kWriteSingleRegister:
      return "Write Single Register";
    case FunctionCode::kWriteMultipleCoils:
      return "Write Multiple Coils";
    case FunctionCode::kWriteMultipleRegisters:
      return "Write Multiple Registers";
    case FunctionCode::kMaskWriteRegister:
      return "Mask Write Register";
    case FunctionCode::kReadWriteMultipleRegisters:
      return "Read/Write Multiple Registers";
    case FunctionCode::kEncapsulatedInterface:
      return "Read Device Identification";
  }
  return "unknown function";
}

std::string_view function_name(std::uint8_t byte) {
  // Codes the codec does not implement still have names in the specification: say them, since
  // they are exactly what a conformance run sends to provoke exception 01.
  switch (byte) {
    case 0x07:
      return "Read Exception Status";
    case 0x08:
      return "Diagnostics";
    case 0x0B:
      return "Get Comm Event Counter";
    case 0x0C:
      return "Get Comm Event Log";
    case 0x11:
      return "Report Server ID";
    case 0x14:
      return "Read File Record";
    case 0x15:
      return "Write File Record";
    case 0x18:
      return "Read FIFO Queue";
    default:
      break;
  }
  if (auto code = to_function_code(byte)) return name(*code);
  return "unknown function";
}

bool is_defined(ExceptionCode code) {
  switch (code) {
    case ExceptionCode::kIllegalFunction:
    case ExceptionCode::kIllegalDataAddress:
    case ExceptionCode::kIllegalDataValue:
    case ExceptionCode::kServerDeviceFailure:
    case ExceptionCode::kAcknowledge:
    case ExceptionCode::kServerDeviceBusy:
    case ExceptionCode::kMemoryParityError:
    case ExceptionCode::kGatewayPathUnavailable:
    case ExceptionCode::kGatewayTargetFailedToRespond:
      return true;
  }
  return false;
}

std::string_view name(ExceptionCode code) {
  switch (code) {
    case ExceptionCode::kIllegalFunction:
      return "Illegal Function";
    case ExceptionCode::kIllegalDataAddress:
      return "Illegal Data Address";
    case ExceptionCode::kIllegalDataValue:
      return "Illegal Data Value";
    case ExceptionCode::kServerDeviceFailure:
      return "Server Device Failure";
    case ExceptionCode::kAcknowledge:
      return "Acknowledge";
    case ExceptionCode::kServerDeviceBusy:
      return "Server Device Busy";
    case ExceptionCode::kMemoryParityError:
      return "Memory Parity Error";
    case ExceptionCode::kGatewayPathUnavailable:
      return "Gateway Path Unavailable";
    case ExceptionCode::kGatewayTargetFailedToRespond:
      return "Gateway Target Device Failed to Respond";
  }
  return kUnknownExceptionName;
}

}  // namespace mbh::codec
