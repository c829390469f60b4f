#include "reports/frame_text.hpp"

#include <fmt/format.h>

#include <optional>
#include <sstream>

#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/codec_error.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace mbh::reports {
namespace {

template <class Message>
std::string printed(const Message& message) {
  std::ostringstream out;
  out << message;
  return out.str();
}

// `offset` counts from the start of the frame (decode_adu's errors) or of the PDU.
std::string reason(const codec::DecodeError& error, std::size_t pdu_start) {
  return fmt::format("{} (byte {} of the frame)", codec::message(error.code),
                     pdu_start + error.offset);
}

std::string header_text(const codec::MbapHeader& header) {
  return fmt::format("unit {}, transaction {}: ", header.unit_id, header.transaction_id);
}

std::optional<codec::Request> request_of(const codec::Adu& adu) {
  auto decoded = codec::decode_request(adu.pdu);
  if (!decoded) return std::nullopt;
  return *decoded;
}

}  // namespace

std::string describe_request(std::span<const std::byte> frame) {
  if (frame.empty()) return "none sent";
  const auto adu = codec::decode_adu(frame);
  if (!adu) return "not a Modbus TCP frame: " + reason(adu.error(), 0);
  const auto decoded = codec::decode_request(adu->pdu);
  if (!decoded) {
    return header_text(adu->header) +
           "not a valid request: " + reason(decoded.error(), codec::kMbapSize);
  }
  return header_text(adu->header) + printed(*decoded);
}

std::string describe_response(std::span<const std::byte> frame,
                              std::span<const std::byte> request) {
  const auto adu = codec::decode_adu(frame);
  if (!adu) return "not a Modbus TCP frame: " + reason(adu.error(), 0);

  std::string header_mismatch;
  std::optional<codec::Request> asked;
  if (const auto request_adu = codec::decode_adu(request)) {
    if (const auto error = codec::check_answers(adu->header, request_adu->header)) {
      header_mismatch = "; MBAP header: " + reason(*error, 0);
    }
    asked = request_of(*request_adu);
  }

  const std::string head = header_text(adu->header);
  const auto alone = codec::decode_response_unpaired(adu->pdu);
  if (asked) {
    const auto paired = codec::decode_response(adu->pdu, *asked);
    if (paired) return head + printed(*paired) + header_mismatch;
    std::string text =
        head + "does not answer the request: " + reason(paired.error(), codec::kMbapSize);
    if (alone) text += "; on its own it reads " + printed(*alone);
    return text + header_mismatch;
  }
  if (alone) return head + printed(*alone) + header_mismatch;
  return head + "not a valid response: " + reason(alone.error(), codec::kMbapSize) +
         header_mismatch;
}

}  // namespace mbh::reports
