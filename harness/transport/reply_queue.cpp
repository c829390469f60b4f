#include "harness/transport/reply_queue.hpp"

#include <algorithm>
#include <cstdlib>

namespace mbh::transport {

ReplyQueue::ReplyQueue(std::size_t capacity) : slots_(std::max<std::size_t>(capacity, 1)) {}

Reply& ReplyQueue::prepare() {
  if (full()) std::abort();  // the caller checks full() first: a bug, never the peer's doing
  auto& slot = slots_[(head_ + size_) % slots_.size()];
  if (!slot) slot = std::make_unique<Reply>();
  // Reset what the handler contract names; the bytes are overwritten, not cleared.
  slot->action = Reply::Action::kSend;
  slot->delay = std::chrono::milliseconds{0};
  slot->size = 0;
  return *slot;
}

void ReplyQueue::push() {
  if (full()) std::abort();
  ++size_;
}

void ReplyQueue::pop() {
  if (empty()) std::abort();
  head_ = (head_ + 1) % slots_.size();
  // Back to the first slot when idle: a client that waits for each answer uses one slot only.
  if (--size_ == 0) head_ = 0;
}

}  // namespace mbh::transport
