#include "reports/frame_text.hpp"

#include <fmt/format.h>

#include <optional>
#include <variant>

#include "harness/exchange/frame_fields.hpp"
#include "harness/exchange/frame_reading.hpp"
#include "harness/exchange/frame_text.hpp"

namespace mbh::reports {
namespace {

using exchange::DecodedFrame;
using exchange::MalformedFrame;
using exchange::Stage;

std::string header_text(const std::optional<codec::MbapHeader>& header) {
  if (!header) return "";
  return fmt::format("unit {}, transaction {}: ", header->unit_id, header->transaction_id);
}

// What is wrong, in the words `mbharness decode` prints for the same bytes.
std::string why(const MalformedFrame& frame) {
  return exchange::error_line(frame.error, exchange::pdu_offset(frame));
}

std::string decoded_text(const DecodedFrame& frame) {
  return header_text(frame.mbap) +
         std::visit([](const auto& message) { return exchange::summary(message); }, frame.message);
}

}  // namespace

std::string describe_request(std::span<const std::byte> frame) {
  if (frame.empty()) return "none sent";
  const auto read = exchange::read_exchange(frame, {});
  if (const auto* decoded = std::get_if<DecodedFrame>(&read.request)) return decoded_text(*decoded);
  const auto& bad = std::get<MalformedFrame>(read.request);
  if (bad.error.stage == Stage::kFraming) return "not a Modbus TCP frame: " + why(bad);
  return header_text(bad.mbap) + "not a valid request: " + why(bad);
}

std::string describe_response(std::span<const std::byte> frame,
                              std::span<const std::byte> request) {
  if (frame.empty()) return "nothing received";
  const auto read = exchange::read_exchange(request, frame);
  if (const auto* decoded = std::get_if<DecodedFrame>(&*read.answer)) {
    return decoded_text(*decoded);
  }
  const auto& bad = std::get<MalformedFrame>(*read.answer);
  const std::string head = header_text(bad.mbap);
  const auto alone = exchange::read_alone(bad);
  const std::string reads = alone ? "; on its own it reads " + exchange::summary(*alone) : "";
  switch (bad.error.stage) {
    case Stage::kFraming:
      return "not a Modbus TCP frame: " + why(bad);
    case Stage::kHeaderPairing:
      return head + "the MBAP header does not echo the request's: " + why(bad) + reads;
    case Stage::kPairing:
      return head + "does not answer the request: " + why(bad) + reads;
    default:
      return head + "not a valid response: " + why(bad);
  }
}

}  // namespace mbh::reports
