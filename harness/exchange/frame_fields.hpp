#pragma once
// What a frame's fields are called and where its values sit, as the text and JSON renderings
// and the error explanations of this library all need it: bounds-checked reads of raw bytes,
// the specification's names for codes, and which address a message's first value has.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "harness/codec/pdu_types.hpp"

namespace mbh::exchange {

// A request or a response, as a frame may be read either way.
using Message = std::variant<codec::Request, codec::Response>;

// Bounds-checked reads of a frame's bytes: an error's context may lie past a short frame.
class Bytes {
 public:
  explicit Bytes(std::span<const std::byte> bytes) : bytes_(bytes) {}
  std::size_t size() const { return bytes_.size(); }
  std::optional<unsigned> u8(std::size_t at) const {
    if (at >= bytes_.size()) return std::nullopt;
    return std::to_integer<unsigned>(bytes_[at]);
  }
  std::optional<unsigned> u16(std::size_t at) const {
    if (at + 1 >= bytes_.size()) return std::nullopt;
    return std::to_integer<unsigned>(bytes_[at]) << 8 | std::to_integer<unsigned>(bytes_[at + 1]);
  }

 private:
  std::span<const std::byte> bytes_;
};

// The names the specification gives device identification objects, read codes and
// conformity levels.
std::string_view object_name(unsigned id);
std::string_view read_code_name(unsigned code);
std::string_view conformity_name(unsigned level);

bool is_exception(const codec::Response& response);
std::uint8_t message_function(const Message& message);
std::string_view type_name(const Message& message);
std::string kind_of(const Message& message);  // "request", "response" or "exception"

// The function a PDU's first byte names, without the exception flag.
std::uint8_t plain_function(std::uint8_t byte);
std::string function_text(unsigned byte);  // "0x03 (Read Holding Registers)"

// Text as printable ASCII, other bytes (and quotes, backslashes) as \xNN.
std::string printable(std::span<const std::uint8_t> text);
std::string binary16(unsigned value);  // "0000 0000 1111 0000"

// The codec's one-line form of a message: "ReadHoldingRegistersRequest{address=..., ...}".
std::string summary(const codec::Request& request);
std::string summary(const codec::Response& response);

// The first address a request names, and how many registers or bits it reads.
template <class T>
std::optional<unsigned> start_of(const T& request) {
  if constexpr (requires { request.read_address; }) {
    return request.read_address;
  } else if constexpr (requires { request.address; }) {
    return request.address;
  } else {
    return std::nullopt;
  }
}

template <class T>
std::optional<std::size_t> quantity_of(const T& request) {
  if constexpr (requires { request.read_quantity; }) {
    return request.read_quantity;
  } else if constexpr (requires { request.quantity; }) {
    return request.quantity;
  } else {
    return std::nullopt;
  }
}

// What a message's values mean beyond the frame: the address of the first one and how many
// of a bit field's bits are data (the rest pad the last byte), when the frame or its request
// says so.
struct ItemLayout {
  std::optional<unsigned> first_address;
  std::optional<std::size_t> bit_count;
  std::string_view bit_name = "bits";
};

ItemLayout layout_of(const codec::Request& request);
// `answers`: the request a response answers, when known.
ItemLayout layout_of(const codec::Response& response, const codec::Request* answers);
ItemLayout layout_of(const Message& message, const codec::Request* answers);

}  // namespace mbh::exchange
