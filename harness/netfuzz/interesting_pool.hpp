#pragma once
// The frames whose outcome was of a class not seen before, kept for mutation, at most
// kCapacity of them: memory stays bounded however long a run. Once full, a new frame takes
// the place the caller names (the generator names one whose outcome is common).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "harness/netfuzz/frame_kind.hpp"
#include "harness/netfuzz/function_requests.hpp"
#include "harness/netfuzz/outcome_class.hpp"

namespace mbh::netfuzz {

struct InterestingFrame {
  FrameKind kind = FrameKind::kModelRead;  // the kind of the frame that first produced it
  std::uint8_t unit = 0;
  Pdu pdu;
  OutcomeClass outcome;     // what it produced
  std::uint32_t picks = 0;  // mutations drawn from it so far
};

class InterestingPool {
 public:
  static constexpr std::size_t kCapacity = 64;

  // Appends while there is room, else replaces the frame at `victim`.
  void add(InterestingFrame frame, std::size_t victim);
  bool full() const { return frames_.size() >= kCapacity; }

  bool empty() const { return frames_.empty(); }
  std::size_t size() const { return frames_.size(); }
  const InterestingFrame& at(std::size_t i) const { return frames_[i]; }
  const InterestingFrame& newest() const { return frames_[newest_]; }
  InterestingFrame& at(std::size_t i) { return frames_[i]; }
  InterestingFrame& newest() { return frames_[newest_]; }

 private:
  std::vector<InterestingFrame> frames_;
  std::size_t newest_ = 0;
};

}  // namespace mbh::netfuzz
