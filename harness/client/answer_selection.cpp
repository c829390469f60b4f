#include "harness/client/answer_selection.hpp"

namespace mbh::client {

AnswerSelection select_answer(std::span<const std::byte> unread, const TimedOutIds& timed_out,
                              std::optional<std::uint16_t> outstanding) {
  codec::FrameResult framed = codec::frame_adu(unread);
  if (const auto* frame = std::get_if<codec::FramedAdu>(&framed)) {
    const std::uint16_t id = frame->adu.header.transaction_id;
    if (timed_out.contains(id) && id != outstanding) return LateAnswer{frame->size, id};
    return AnswerFrame{frame->size};
  }
  if (const auto* more = std::get_if<codec::NeedMore>(&framed)) return *more;
  return std::get<codec::DecodeError>(framed);
}

}  // namespace mbh::client
