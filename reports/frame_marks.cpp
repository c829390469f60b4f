#include "reports/frame_marks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/function_code.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace mbh::reports {
namespace {

using codec::CodecError;
using codec::kMbapSize;

unsigned u8_at(std::span<const std::byte> bytes, std::size_t at) {
  return std::to_integer<unsigned>(bytes[at]);
}

std::optional<codec::MbapHeader> header_of(std::span<const std::byte> frame) {
  if (frame.size() < kMbapSize) return std::nullopt;
  return codec::decode_mbap(frame.first<kMbapSize>());
}

// Functions whose response PDU gives the size of its data in a byte count at PDU offset 1.
bool has_byte_count(unsigned function) {
  return function == 0x01 || function == 0x02 || function == 0x03 || function == 0x04 ||
         function == 0x17;
}

// The header's fields, each on its own: a frame may get several wrong at once.
void mark_header(std::span<const std::byte> response, std::span<const std::byte> request,
                 std::vector<ByteMark>& marks) {
  const auto header = header_of(response);
  if (!header) {
    marks.push_back({response.size(), 0,
                     fmt::format("the frame ends after {} bytes, inside the 7-byte MBAP header",
                                 response.size())});
    return;
  }
  const auto asked = header_of(request);
  if (asked && header->transaction_id != asked->transaction_id) {
    marks.push_back({0, 2,
                     fmt::format("transaction id {} (0x{:04X}); the request's is {} (0x{:04X})",
                                 header->transaction_id, header->transaction_id,
                                 asked->transaction_id, asked->transaction_id)});
  }
  if (header->protocol_id != 0) {
    marks.push_back({2, 2, fmt::format("protocol id {}: Modbus is 0", header->protocol_id)});
  }
  const std::size_t following = response.size() - kMbapSize + 1;  // the unit id counts
  if (const auto error = codec::check_mbap(*header);
      error && error->code != CodecError::kBadProtocolId) {
    marks.push_back(
        {4, 2, fmt::format("length {}: {}", header->length, codec::message(error->code))});
  } else if (header->length > following) {
    marks.push_back({4, 2,
                     fmt::format("length {}, but {} byte{} follow the length field", header->length,
                                 following, following == 1 ? "" : "s")});
  }
  if (asked && header->unit_id != asked->unit_id) {
    marks.push_back(
        {6, 1,
         fmt::format("unit id {} (0x{:02X}); the request's is {} (0x{:02X})", header->unit_id,
                     header->unit_id, asked->unit_id, asked->unit_id)});
  }
  if (header->length >= codec::kMinMbapLength && header->length < following) {
    const std::size_t end = kMbapSize + header->length - 1U;
    marks.push_back({end, response.size() - end,
                     fmt::format("bytes past the {} the length {} counts", header->length - 1U,
                                 header->length)});
  }
}

// Runs of the response PDU's bytes that differ from the request PDU's from `from` on: a write
// response echoes its request's first bytes.
void mark_echo(std::span<const std::byte> pdu, std::span<const std::byte> asked, std::size_t from,
               std::vector<ByteMark>& marks) {
  const std::size_t end = std::min(pdu.size(), asked.size());
  for (std::size_t i = from; i < end;) {
    if (pdu[i] == asked[i]) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    while (i < end && pdu[i] != asked[i])
      ++i;
    marks.push_back({kMbapSize + start, i - start, "not the request's bytes echoed"});
  }
}

// Where the codec found the PDU wrong (`error.offset` counts from the PDU's first byte).
void mark_pdu(codec::DecodeError error, std::span<const std::byte> pdu,
              std::span<const std::byte> asked, std::vector<ByteMark>& marks) {
  const std::size_t at = kMbapSize + error.offset;
  const std::size_t rest = kMbapSize + pdu.size() - std::min(at, kMbapSize + pdu.size());
  const unsigned function = pdu.empty() ? 0U : u8_at(pdu, 0);
  const std::string_view why = codec::message(error.code);
  switch (error.code) {
    case CodecError::kTruncated:
      // The data stops short of what the byte count announces: the count is the byte to see.
      if (has_byte_count(function) && pdu.size() >= 2) {
        marks.push_back(
            {kMbapSize + 1, 1,
             fmt::format("byte count {}, but {} bytes follow it", u8_at(pdu, 1), pdu.size() - 2)});
      } else {
        marks.push_back({at, 0, std::string(why)});
      }
      return;
    case CodecError::kTrailingBytes:
    case CodecError::kPduTooLarge:
      marks.push_back({at, rest, std::string(why)});
      return;
    case CodecError::kEchoMismatch:
      if (function == codec::to_byte(codec::FunctionCode::kEncapsulatedInterface)) {
        marks.push_back({at, 1, std::string(why)});  // the read device id code, 1 byte
      } else {
        mark_echo(pdu, asked, error.offset, marks);
      }
      return;
    case CodecError::kFunctionMismatch:
      marks.push_back({at, 1,
                       asked.empty() ? std::string(why)
                                     : fmt::format("function 0x{:02X}; the request's is 0x{:02X}",
                                                   function, u8_at(asked, 0))});
      return;
    case CodecError::kQuantityMismatch:
    case CodecError::kByteCountOutOfRange:
      if (error.offset < pdu.size()) {
        marks.push_back({at, 1, fmt::format("byte count {}: {}", u8_at(pdu, error.offset), why)});
      }
      return;
    case CodecError::kQuantityOutOfRange:
    case CodecError::kInvalidCoilValue:
      marks.push_back({at, std::min<std::size_t>(2, rest), std::string(why)});
      return;
    case CodecError::kAddressOverflow:
      marks.push_back({at, std::min<std::size_t>(4, rest), std::string(why)});
      return;
    default:
      marks.push_back({at, std::min<std::size_t>(1, rest), std::string(why)});
      return;
  }
}

}  // namespace

std::vector<ByteMark> response_marks(std::span<const std::byte> response,
                                     std::span<const std::byte> request) {
  std::vector<ByteMark> marks;
  if (response.empty()) return marks;
  mark_header(response, request, marks);
  // The PDU is judged only in a frame whose length holds exactly it.
  const auto adu = codec::decode_adu(response);
  if (!adu) {
    std::ranges::sort(marks, {}, &ByteMark::offset);
    return marks;
  }
  const auto request_adu = codec::decode_adu(request);
  std::span<const std::byte> asked;
  std::optional<codec::Request> asked_request;
  if (request_adu) {
    asked = request_adu->pdu;
    if (auto decoded = codec::decode_request(asked)) asked_request = *decoded;
  }
  const auto decoded = asked_request ? codec::decode_response(adu->pdu, *asked_request)
                                     : codec::decode_response_unpaired(adu->pdu);
  if (!decoded) {
    mark_pdu(decoded.error(), adu->pdu, asked, marks);
  } else if (!asked_request && !asked.empty() && !adu->pdu.empty()) {
    // A request the codec does not decode (suites send such on purpose) still names its
    // function: an answer to it carries that function, with or without the exception flag.
    const unsigned function = u8_at(adu->pdu, 0) & ~unsigned{codec::kExceptionFlag};
    if (function != u8_at(asked, 0)) {
      marks.push_back({kMbapSize, 1,
                       fmt::format("function 0x{:02X}; the request's is 0x{:02X}",
                                   u8_at(adu->pdu, 0), u8_at(asked, 0))});
    }
  }
  std::ranges::sort(marks, {}, &ByteMark::offset);
  return marks;
}

}  // namespace mbh::reports
