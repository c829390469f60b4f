#include "harness/netfuzz/frame_shrinker.hpp"

#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>

#include "harness/codec/mbap_header.hpp"
#include "harness/codec/protocol_limits.hpp"

namespace mbh::netfuzz {
namespace {

constexpr std::size_t kShortestFrame = codec::kMbapSize + 1;  // header and function code

// The frame `cut` bytes shorter (it holds more than a header); its MBAP length still counting
// what follows it if it did.
SentFrame cut_short(const SentFrame& frame, std::size_t cut) {
  SentFrame shorter = frame;
  const auto header = std::span<std::byte>(shorter.bytes).first<codec::kMbapSize>();
  codec::MbapHeader mbap = codec::decode_mbap(header);
  const bool counted = mbap.length + codec::kMbapSize - 1 == frame.bytes.size();
  shorter.bytes.resize(frame.bytes.size() - cut);
  if (counted) {
    mbap.length = static_cast<std::uint16_t>(shorter.bytes.size() - (codec::kMbapSize - 1));
    codec::encode_mbap(mbap, std::span<std::byte>(shorter.bytes).first<codec::kMbapSize>());
  }
  return shorter;
}

class Shrinker {
 public:
  Shrinker(std::vector<SentFrame> frames, const Reproduces& reproduces)
      : frames_(std::move(frames)), reproduces_(reproduces) {}

  std::vector<SentFrame> run(std::size_t alone_tries) {
    if (!alone(alone_tries)) drop();
    for (std::size_t i = frames_.size(); i-- > 0;)
      shorten(i);
    return std::move(frames_);
  }

 private:
  bool accept(std::vector<SentFrame> candidate) {
    if (!reproduces_(candidate)) return false;
    frames_ = std::move(candidate);
    return true;
  }

  // The trigger alone; then each frame before it that may have been the trigger, alone.
  bool alone(std::size_t tries) {
    if (frames_.size() <= 1) return true;
    for (std::size_t back = 1; back <= std::min(tries, frames_.size()); ++back) {
      if (accept({frames_[frames_.size() - back]})) return true;
    }
    return false;
  }

  // Chunks of frames dropped, the last frame too: a frame sent after the device went down only
  // found it down (a replay judges the device after its last frame all the same).
  void drop() {
    for (std::size_t chunk = (frames_.size() - 1) / 2; chunk >= 1; chunk /= 2) {
      std::size_t at = 0;
      while (at + chunk <= frames_.size() && frames_.size() > chunk) {
        std::vector<SentFrame> candidate = frames_;
        candidate.erase(candidate.begin() + static_cast<std::ptrdiff_t>(at),
                        candidate.begin() + static_cast<std::ptrdiff_t>(at + chunk));
        if (!accept(std::move(candidate))) at += chunk;
      }
    }
  }

  // Half of what may go first, then a quarter, ... one byte: a cut that reproduces is kept and
  // tried again at the same size.
  void shorten(std::size_t i) {
    if (frames_[i].bytes.size() <= kShortestFrame) return;
    for (std::size_t cut = (frames_[i].bytes.size() - kShortestFrame + 1) / 2; cut >= 1;) {
      const std::size_t room = frames_[i].bytes.size() - kShortestFrame;
      if (room == 0) return;
      cut = std::min(cut, room);
      std::vector<SentFrame> candidate = frames_;
      candidate[i] = cut_short(frames_[i], cut);
      if (!accept(std::move(candidate))) cut /= 2;
    }
  }

  std::vector<SentFrame> frames_;
  const Reproduces& reproduces_;
};

}  // namespace

std::vector<SentFrame> shrink_frames(std::vector<SentFrame> frames, std::size_t alone_tries,
                                     const Reproduces& reproduces) {
  auto shrunk = Shrinker(std::move(frames), reproduces).run(alone_tries);
  number_connections(shrunk);  // a frame left alone is on connection 0, at 0 ms
  return shrunk;
}

std::size_t byte_count(const std::vector<SentFrame>& frames) {
  std::size_t bytes = 0;
  for (const SentFrame& frame : frames)
    bytes += frame.bytes.size();
  return bytes;
}

}  // namespace mbh::netfuzz
