#include "harness/netfuzz/interesting_pool.hpp"

namespace mbh::netfuzz {

void InterestingPool::add(InterestingFrame frame, std::size_t victim) {
  if (!full()) {
    newest_ = frames_.size();
    frames_.push_back(std::move(frame));
    return;
  }
  newest_ = victim % kCapacity;
  frames_[newest_] = std::move(frame);
}

}  // namespace mbh::netfuzz
