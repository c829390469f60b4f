#include "fuzz/response_case.hpp"

#include <algorithm>
#include <type_traits>

#include "harness/codec/protocol_limits.hpp"

namespace mbh::fuzz {
namespace {

struct Words {
  std::uint16_t first, second, third;
};

std::uint16_t word_at(std::span<const std::byte> bytes, std::size_t at) {
  return static_cast<std::uint16_t>(std::to_integer<unsigned>(bytes[at]) << 8 |
                                    std::to_integer<unsigned>(bytes[at + 1]));
}

// 1..most.
std::uint16_t quantity(std::uint16_t word, std::uint16_t most) {
  return static_cast<std::uint16_t>(1 + word % most);
}

// `start` moved down so that `count` items end by register 65535.
std::uint16_t fit(std::uint16_t start, std::size_t count) {
  return static_cast<std::uint16_t>(std::min<std::size_t>(start, 0x10000 - count));
}

template <class Items>
Items zeros(std::size_t count) {
  Items items;
  for (std::size_t i = 0; i < count; ++i)
    items.push_back(0);
  return items;
}

template <class Read>
Read read_request(const Words& w, std::uint16_t most) {
  const auto q = quantity(w.second, most);
  return Read{fit(w.first, q), q};
}

codec::Request build(std::size_t choice, const Words& w) {
  switch (choice) {
    case 0:
      return read_request<codec::ReadCoilsRequest>(w, codec::kMaxReadBits);
    case 1:
      return read_request<codec::ReadDiscreteInputsRequest>(w, codec::kMaxReadBits);
    case 2:
      return read_request<codec::ReadHoldingRegistersRequest>(w, codec::kMaxReadRegisters);
    case 3:
      return read_request<codec::ReadInputRegistersRequest>(w, codec::kMaxReadRegisters);
    case 4:
      return codec::WriteSingleCoilRequest{w.first,
                                           (w.second & 1) != 0 ? codec::kCoilOn : codec::kCoilOff};
    case 5:
      return codec::WriteSingleRegisterRequest{w.first, w.second};
    case 6: {
      const auto q = quantity(w.second, codec::kMaxWriteBits);
      return codec::WriteMultipleCoilsRequest{
          fit(w.first, q), q,
          zeros<codec::PackedBits<codec::kMaxWriteBitBytes>>(codec::bit_bytes(q))};
    }
    case 7: {
      const auto q = quantity(w.second, codec::kMaxWriteRegisters);
      return codec::WriteMultipleRegistersRequest{
          fit(w.first, q), zeros<codec::RegisterValues<codec::kMaxWriteRegisters>>(q)};
    }
    case 8:
      return codec::MaskWriteRegisterRequest{w.first, w.second, w.third};
    case 9: {
      const auto q = quantity(w.second, codec::kMaxReadRegisters);
      return codec::ReadWriteMultipleRegistersRequest{fit(w.first, q), q, 0, {0}};
    }
    default:
      return codec::ReadDeviceIdentificationRequest{static_cast<std::uint8_t>(1 + w.first % 4),
                                                    static_cast<std::uint8_t>(w.second)};
  }
}

// What `build` reads back into `request`.
Words words_of(const codec::Request& request) {
  return std::visit(
      [](const auto& q) -> Words {
        using Q = std::decay_t<decltype(q)>;
        if constexpr (requires { q.quantity; }) {
          return {q.address, static_cast<std::uint16_t>(q.quantity - 1), 0};
        } else if constexpr (std::is_same_v<Q, codec::WriteSingleCoilRequest>) {
          return {q.address, q.value == codec::kCoilOn ? std::uint16_t{1} : std::uint16_t{0}, 0};
        } else if constexpr (std::is_same_v<Q, codec::WriteMultipleRegistersRequest>) {
          return {q.address, static_cast<std::uint16_t>(q.values.size() - 1), 0};
        } else if constexpr (std::is_same_v<Q, codec::MaskWriteRegisterRequest>) {
          return {q.address, q.and_mask, q.or_mask};
        } else if constexpr (std::is_same_v<Q, codec::ReadWriteMultipleRegistersRequest>) {
          return {q.read_address, static_cast<std::uint16_t>(q.read_quantity - 1), 0};
        } else if constexpr (std::is_same_v<Q, codec::ReadDeviceIdentificationRequest>) {
          return {static_cast<std::uint16_t>(q.read_code - 1), q.object_id, 0};
        } else {
          return {q.address, q.value, 0};  // FC 06
        }
      },
      request);
}

}  // namespace

std::optional<ResponseCase> read_response_case(std::span<const std::byte> input) {
  if (input.size() < kRequestHeaderSize) return std::nullopt;
  ResponseCase out{std::nullopt, input.subspan(kRequestHeaderSize)};
  const std::size_t choice = std::to_integer<std::size_t>(input[0]) % kRequestChoices;
  if (choice != kNoRequest) {
    out.request = build(choice, Words{word_at(input, 1), word_at(input, 3), word_at(input, 5)});
  }
  return out;
}

RequestHeader request_header(const std::optional<codec::Request>& request) {
  RequestHeader header{};
  if (!request) {
    header[0] = std::byte{kNoRequest};
    return header;
  }
  header[0] = static_cast<std::byte>(request->index());
  const Words w = words_of(*request);
  std::size_t at = 1;
  for (const std::uint16_t word : {w.first, w.second, w.third}) {
    header[at++] = static_cast<std::byte>(word >> 8);
    header[at++] = static_cast<std::byte>(word & 0xFF);
  }
  return header;
}

}  // namespace mbh::fuzz
