#include "harness/netfuzz/finding.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <utility>

namespace mbh::netfuzz {

void number_connections(std::vector<SentFrame>& frames) {
  if (frames.empty()) return;
  std::map<std::uint64_t, std::uint64_t> numbers;
  const std::uint64_t first_at = std::ranges::min_element(frames, {}, &SentFrame::at_ms)->at_ms;
  for (SentFrame& frame : frames) {
    const auto [number, added] = numbers.try_emplace(frame.connection, numbers.size());
    frame.connection = number->second;
    // A replay file holds at most 32 bits of milliseconds (49 days).
    frame.at_ms = std::min<std::uint64_t>(frame.at_ms - first_at, UINT32_MAX);
  }
}

bool sent_unanswered(const SentFrame& frame) {
  return (frame.kind == FrameKind::kHeldConnections && frame.bytes.empty()) ||
         frame.kind == FrameKind::kSlowDrip;
}

bool same_sends(const std::vector<SentFrame>& a, const std::vector<SentFrame>& b) {
  static constexpr std::size_t kTransactionId = 2;
  const auto same = [](const SentFrame& x, const SentFrame& y) {
    if (x.connection != y.connection || x.bytes.size() != y.bytes.size()) return false;
    const std::size_t from = std::min(kTransactionId, x.bytes.size());
    return std::equal(x.bytes.begin() + static_cast<std::ptrdiff_t>(from), x.bytes.end(),
                      y.bytes.begin() + static_cast<std::ptrdiff_t>(from));
  };
  return std::ranges::equal(a, b, same);
}

std::deque<SentFrame> frames_before_down(std::deque<SentFrame> history,
                                         const std::optional<SentFrame>& sent_alone,
                                         const std::optional<SentFrame>& unanswered_alone_before) {
  if (sent_alone) history.assign(1, *sent_alone);
  if (unanswered_alone_before) {
    history.push_front(*unanswered_alone_before);
    if (history.size() > kMaxFindingFrames) history.erase(history.begin() + 1);
  }
  while (history.size() > kMaxFindingFrames)
    history.erase(history.begin());
  return history;
}

}  // namespace mbh::netfuzz
