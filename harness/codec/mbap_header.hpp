#pragma once
// The MBAP header that precedes every PDU on TCP, and whole ADUs (header + PDU).
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/pdu_types.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "harness/codec/result.hpp"

namespace mbh::codec {

struct MbapHeader {
  static constexpr std::string_view kName = "MbapHeader";
  static constexpr std::array<std::string_view, 4> kFields{"transaction_id", "protocol_id",
                                                           "length", "unit_id"};
  std::uint16_t transaction_id = 0;
  std::uint16_t protocol_id = 0;
  std::uint16_t length = 0;  // bytes that follow: unit id + PDU
  std::uint8_t unit_id = 0;
};

// An ADU as found in a buffer: its header and a view of its PDU (valid while the buffer is).
struct Adu {
  MbapHeader header;
  std::span<const std::byte> pdu;
};

// One encoded ADU, held by value: no frame the protocol allows is larger.
struct EncodedAdu {
  std::array<std::byte, kMaxAduSize> bytes{};
  std::size_t size = 0;
  std::span<const std::byte> span() const { return {bytes.data(), size}; }
};

MbapHeader decode_mbap(std::span<const std::byte, kMbapSize> bytes);
void encode_mbap(const MbapHeader& header, std::span<std::byte, kMbapSize> out);

// Protocol id 0 and a length of 2..254; the offset of the field at fault otherwise.
std::optional<DecodeError> check_mbap(const MbapHeader& header);

// Exactly one ADU: a valid header whose length matches the bytes that follow it.
Result<Adu, DecodeError> decode_adu(std::span<const std::byte> frame);

// Header (length computed) and PDU, for a request or a response.
EncodedAdu encode_adu(std::uint16_t transaction_id, std::uint8_t unit_id, const Request& request);
EncodedAdu encode_adu(std::uint16_t transaction_id, std::uint8_t unit_id, const Response& response);

// Whether a response header answers a request header: same transaction, protocol and unit.
std::optional<DecodeError> check_answers(const MbapHeader& response, const MbapHeader& request);

}  // namespace mbh::codec
