#pragma once
// The replies one connection owes, in request order. A slot is allocated the first time the
// queue is that deep and reused after; slots never move, so the head can be written straight
// from its bytes while the handler fills the next one.
#include <cstddef>
#include <memory>
#include <vector>

#include "harness/transport/frame_handler.hpp"

namespace mbh::transport {

class ReplyQueue {
 public:
  explicit ReplyQueue(std::size_t capacity);  // at least 1

  std::size_t size() const { return size_; }
  std::size_t capacity() const { return slots_.size(); }
  bool empty() const { return size_ == 0; }
  bool full() const { return size_ == slots_.size(); }

  // The slot behind the last queued reply, reset as FrameHandler::handle() expects it. It
  // joins the queue only on push(); preparing again without a push reuses it. Not when full.
  Reply& prepare();
  void push();

  Reply& front() { return *slots_[head_]; }  // not when empty
  void pop();                                // not when empty

 private:
  std::vector<std::unique_ptr<Reply>> slots_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace mbh::transport
