#include "harness/exchange/answer_faults.hpp"

#include <algorithm>
#include <optional>
#include <variant>

#include "harness/codec/mbap_header.hpp"
#include "harness/exchange/frame_reading.hpp"

namespace mbh::exchange {
namespace {

using codec::CodecError;
using codec::kMbapSize;

// The header's fields, each on its own: a frame may get several wrong at once.
void header_faults(const codec::MbapHeader& header, const ErrorContext& context,
                   std::vector<FrameError>& faults) {
  const auto add = [&](Stage stage, CodecError code, std::size_t at) {
    faults.push_back(explain(stage, {code, at}, context));
  };
  const auto& asked = context.asked_mbap;
  if (asked && header.transaction_id != asked->transaction_id) {
    add(Stage::kHeaderPairing, CodecError::kTransactionMismatch, 0);
  }
  if (header.protocol_id != 0) add(Stage::kFraming, CodecError::kBadProtocolId, 2);
  const std::size_t following = context.frame.size() - kMbapSize + 1;  // the unit id counts
  if (const auto error = codec::check_mbap(header);
      error && error->code != CodecError::kBadProtocolId) {
    add(Stage::kFraming, error->code, error->offset);
  } else if (header.length > following) {
    add(Stage::kFraming, CodecError::kTruncated, context.frame.size());
  } else if (header.length < following) {
    add(Stage::kFraming, CodecError::kTrailingBytes, kMbapSize + header.length - 1U);
  }
  if (asked && header.unit_id != asked->unit_id) {
    add(Stage::kHeaderPairing, CodecError::kUnitMismatch, 6);
  }
}

}  // namespace

std::vector<FrameError> answer_faults(std::span<const std::byte> answer,
                                      std::span<const std::byte> request) {
  std::vector<FrameError> faults;
  if (answer.empty()) return faults;
  const ErrorContext context{answer, kMbapSize, nullptr, std::nullopt, header_of(request)};
  const auto header = header_of(answer);
  if (!header) {
    faults.push_back(explain(Stage::kFraming, {CodecError::kTruncated, answer.size()}, context));
    return faults;
  }
  header_faults(*header, context, faults);
  // The PDU is judged in a frame its length holds exactly, its ids wrong or not.
  if (codec::decode_adu(answer)) {
    const auto read = read_exchange(request, answer, HeaderPairing::kSkipped);
    if (const auto* bad = std::get_if<MalformedFrame>(&*read.answer)) faults.push_back(bad->error);
  }
  std::ranges::sort(faults, {}, [](const FrameError& f) { return f.error.offset; });
  return faults;
}

}  // namespace mbh::exchange
