#include "harness/client/answer_selection.hpp"

namespace mbh::client {

std::string_view stray_kind_name(StrayKind kind) {
  switch (kind) {
    case StrayKind::kLate:
      return "late answer";
    case StrayKind::kDuplicate:
      return "duplicate answer";
    case StrayKind::kNeverSent:
      return "answer to a request never sent";
    case StrayKind::kUnasked:
      return "frame sent unasked";
  }
  return "stray frame";
}

AnswerSelection select_answer(std::span<const std::byte> unread, const TimedOutIds& timed_out,
                              const AnsweredIds& answered, std::optional<std::uint16_t> outstanding,
                              Arrival arrival) {
  codec::FrameResult framed = codec::frame_adu(unread);
  if (const auto* frame = std::get_if<codec::FramedAdu>(&framed)) {
    const std::uint16_t id = frame->adu.header.transaction_id;
    if (id == outstanding) return AnswerFrame{frame->size, id};
    if (timed_out.contains(id)) return StrayFrame{frame->size, id, StrayKind::kLate};
    // A raw request too short to carry an id: any frame but a late answer is its answer.
    if (!outstanding) return AnswerFrame{frame->size, id};
    if (answered.contains(id)) return StrayFrame{frame->size, id, StrayKind::kDuplicate};
    return StrayFrame{
        frame->size, id,
        arrival == Arrival::kBeforeRequest ? StrayKind::kUnasked : StrayKind::kNeverSent};
  }
  if (const auto* more = std::get_if<codec::NeedMore>(&framed)) return *more;
  return std::get<codec::DecodeError>(framed);
}

}  // namespace mbh::client
