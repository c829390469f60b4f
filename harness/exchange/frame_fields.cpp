#include "harness/exchange/frame_fields.hpp"

#include <fmt/format.h>

#include <array>
#include <sstream>
#include <type_traits>

#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/protocol_limits.hpp"

namespace mbh::exchange {

// The names the specification gives the basic and regular device identification objects.
std::string_view object_name(unsigned id) {
  static constexpr std::array<std::string_view, 7> kNames{
      "VendorName",  "ProductCode", "MajorMinorRevision", "VendorUrl",
      "ProductName", "ModelName",   "UserApplicationName"};
  if (id < kNames.size()) return kNames[id];
  if (id < 0x80) return "reserved";
  return "private object";
}

std::string_view read_code_name(unsigned code) {
  switch (code) {
    case 1:
      return "basic device identification (stream)";
    case 2:
      return "regular device identification (stream)";
    case 3:
      return "extended device identification (stream)";
    case 4:
      return "one specific object";
    default:
      return "not a read device id code";
  }
}

std::string_view conformity_name(unsigned level) {
  switch (level) {
    case 0x01:
      return "basic identification, stream access only";
    case 0x02:
      return "regular identification, stream access only";
    case 0x03:
      return "extended identification, stream access only";
    case 0x81:
      return "basic identification, stream and individual access";
    case 0x82:
      return "regular identification, stream and individual access";
    case 0x83:
      return "extended identification, stream and individual access";
    default:
      return "not a conformity level";
  }
}

bool is_exception(const codec::Response& response) {
  return std::holds_alternative<codec::ExceptionResponse>(response);
}

std::uint8_t message_function(const Message& message) {
  return std::visit([](const auto& m) { return codec::function_byte(m); }, message);
}

std::string_view type_name(const Message& message) {
  return std::visit(
      [](const auto& m) {
        return std::visit([](const auto& r) -> std::string_view { return r.kName; }, m);
      },
      message);
}

std::string kind_of(const Message& message) {
  if (std::holds_alternative<codec::Request>(message)) return "request";
  return is_exception(std::get<codec::Response>(message)) ? "exception" : "response";
}

// The function a PDU's first byte names, without the exception flag.
std::uint8_t plain_function(std::uint8_t byte) {
  return static_cast<std::uint8_t>(byte & ~codec::kExceptionFlag);
}

std::string printable(std::span<const std::uint8_t> text) {
  std::string out;
  for (std::uint8_t c : text) {
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02X}", c);
    }
  }
  return out;
}

std::string binary16(unsigned value) {
  std::string out;
  for (int bit = 15; bit >= 0; --bit) {
    out += ((value >> bit) & 1U) != 0 ? '1' : '0';
    if (bit % 4 == 0 && bit != 0) out += ' ';
  }
  return out;
}

ItemLayout layout_of(const codec::Request& request) {
  return std::visit(
      [](const auto& r) -> ItemLayout {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, codec::WriteMultipleCoilsRequest>) {
          return {r.address, r.quantity, "coils"};
        } else if constexpr (std::is_same_v<T, codec::ReadWriteMultipleRegistersRequest>) {
          return {r.write_address, std::nullopt};  // the values are the ones written
        } else {
          return {start_of(r), std::nullopt};
        }
      },
      request);
}

ItemLayout layout_of(const codec::Response& response, const codec::Request* answers) {
  ItemLayout layout;
  if (std::holds_alternative<codec::ReadCoilsResponse>(response)) layout.bit_name = "coils";
  if (std::holds_alternative<codec::ReadDiscreteInputsResponse>(response)) {
    layout.bit_name = "inputs";
  }
  if (answers != nullptr) {
    std::visit(
        [&layout](const auto& q) {
          layout.first_address = start_of(q);
          layout.bit_count = quantity_of(q);
        },
        *answers);
  }
  return layout;
}

ItemLayout layout_of(const Message& message, const codec::Request* answers) {
  if (const auto* request = std::get_if<codec::Request>(&message)) return layout_of(*request);
  return layout_of(std::get<codec::Response>(message), answers);
}
std::string summary(const codec::Request& request) {
  std::ostringstream text;
  text << request;
  return text.str();
}

std::string summary(const codec::Response& response) {
  std::ostringstream text;
  text << response;
  return text.str();
}
std::string function_text(unsigned byte) {
  return fmt::format("0x{:02X} ({})", byte, codec::function_name(static_cast<std::uint8_t>(byte)));
}

}  // namespace mbh::exchange
