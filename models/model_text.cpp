#include "models/model_text.hpp"

namespace mbh::models {

std::string type_name(codec::DataType type) {
  switch (type.kind) {
    case codec::ValueKind::kUint16:
      return "uint16";
    case codec::ValueKind::kSint16:
      return "sint16";
    case codec::ValueKind::kUint32:
      return "uint32";
    case codec::ValueKind::kSint32:
      return "sint32";
    case codec::ValueKind::kUint64:
      return "uint64";
    case codec::ValueKind::kUint128:
      return "uint128";
    case codec::ValueKind::kFloat32:
      return "float32";
    case codec::ValueKind::kBoolean:
      return "boolean";
    case codec::ValueKind::kString:
      return "str" + std::to_string(type.string_chars);
    case codec::ValueKind::kEventArray:
      return "event_array";
  }
  return "unknown";
}

std::string_view space_name(Space space) {
  return space == Space::kHolding ? "holding" : "input";
}

std::string_view access_name(Access access) {
  return access == Access::kRead ? "r" : "rw";
}

std::string_view word_order_name(codec::WordOrder order) {
  return order == codec::WordOrder::kLowFirst ? "low_first" : "high_first";
}

std::string_view display_name(Display display) {
  switch (display) {
    case Display::kNumber:
      return "number";
    case Display::kIpv4:
      return "ipv4";
    case Display::kAscii:
      return "ascii";
  }
  return "number";
}

std::string_view safety_name(SafetyClass safety) {
  switch (safety) {
    case SafetyClass::kReadOnly:
      return "read-only";
    case SafetyClass::kSetting:
      return "setting";
    case SafetyClass::kActuating:
      return "actuating";
    case SafetyClass::kDestructive:
      return "destructive";
    case SafetyClass::kConnectivity:
      return "connectivity";
    case SafetyClass::kClock:
      return "clock";
    case SafetyClass::kCommand:
      return "command";
  }
  return "unknown";
}

}  // namespace mbh::models
