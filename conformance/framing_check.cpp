#include "conformance/framing_check.hpp"

#include <fmt/format.h>

#include "harness/codec/codec_error.hpp"
#include "harness/codec/mbap_header.hpp"
#include "harness/exchange/frame_reading.hpp"
#include "harness/exchange/frame_text.hpp"

namespace mbh::conformance {
namespace {

std::string_view header_field(codec::CodecError code) {
  switch (code) {
    case codec::CodecError::kTransactionMismatch:
      return "transaction id";
    case codec::CodecError::kBadProtocolId:
      return "protocol id";
    case codec::CodecError::kUnitMismatch:
      return "unit id";
    default:
      return "MBAP header";
  }
}

}  // namespace

std::optional<FramingProblem> stray_problem(const client::DiscardedFrame& frame,
                                            const Probe& probe) {
  using client::StrayKind;
  const std::uint16_t sent = probe.exchange.transaction_id;
  const std::uint16_t got = frame.transaction_id;
  std::string message;
  switch (frame.kind) {
    case StrayKind::kLate:
      return std::nullopt;
    case StrayKind::kDuplicate:
      message = fmt::format(
          "the device answered a request twice: a duplicate answer, a second frame with "
          "transaction id {} (0x{:04X}), came after the request with that id had its answer; it "
          "was discarded (taken in with the request with transaction id {})",
          got, got, sent);
      break;
    case StrayKind::kNeverSent:
      message = fmt::format(
          "the device sent a frame with transaction id {} (0x{:04X}), which no request "
          "outstanding or recent carried, while the request with transaction id {} waited for "
          "its answer: an answer to a request never sent, or with the wrong transaction id; it "
          "was discarded",
          got, got, sent);
      break;
    case StrayKind::kUnasked:
      message = fmt::format(
          "the device sent a frame with transaction id {} (0x{:04X}) while no request was "
          "outstanding (it came before the request with transaction id {} was sent), and no "
          "request had carried that id: a frame sent unasked; it was discarded",
          got, got, sent);
      break;
  }
  return FramingProblem{std::string(client::stray_kind_name(frame.kind)), std::move(message)};
}

bool stray_kind(std::string_view kind) {
  using client::StrayKind;
  for (const auto k : {StrayKind::kDuplicate, StrayKind::kNeverSent, StrayKind::kUnasked}) {
    if (kind == client::stray_kind_name(k)) return true;
  }
  return false;
}

std::optional<FramingProblem> framing_problem(const Probe& probe) {
  using client::ExchangeStatus;
  const auto& x = probe.exchange;
  if (x.status == ExchangeStatus::kIncomplete) {
    return FramingProblem{"MBAP length",
                          "the answer's MBAP length counts more bytes than came: " + x.error};
  }
  if (x.status == ExchangeStatus::kMalformed) {
    return FramingProblem{"framing", x.error};  // the client's words: "cannot be framed: ..."
  }
  if (x.status != ExchangeStatus::kAnswered) return std::nullopt;
  const auto adu = codec::decode_adu(x.response);
  if (!adu) return FramingProblem{"framing", probe.problem};
  // The ids paired as a client pairs them, and explained as `decode --response-to` does.
  const auto read = exchange::read_exchange(x.request, x.response);
  if (const auto* bad = std::get_if<exchange::MalformedFrame>(&*read.answer);
      bad != nullptr && bad->error.stage == exchange::Stage::kHeaderPairing) {
    const std::string_view field = header_field(bad->error.error.code);
    return FramingProblem{
        std::string(field),
        fmt::format("the answer's MBAP header does not echo the request's {}: {}", field,
                    exchange::error_line(bad->error, exchange::pdu_offset(*bad)))};
  }
  const auto answer = adu.value().pdu;
  if (probe.response || answer.empty() || probe.pdu.empty()) return std::nullopt;
  const auto function = std::to_integer<unsigned>(probe.pdu[0]);
  const auto got = std::to_integer<unsigned>(answer[0]);
  if (answer.size() == 2 && got == function) {
    return FramingProblem{
        "exception flag",
        fmt::format("the answer {:02X} {:02X} looks like an exception without the 0x80 flag on "
                    "its function code (expected {:02X} {:02X})",
                    got, std::to_integer<unsigned>(answer[1]), function | 0x80U,
                    std::to_integer<unsigned>(answer[1]))};
  }
  return FramingProblem{"PDU", probe.problem};
}

}  // namespace mbh::conformance
