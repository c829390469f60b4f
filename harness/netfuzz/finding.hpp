#pragma once
// A finding: the device crashed or hung after a send. It keeps every frame sent on that
// connection (the state a device builds up may matter), up to the last kMaxFindingFrames,
// the last of them being the one that preceded the failure.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "harness/netfuzz/frame_kind.hpp"
#include "harness/netfuzz/verdict.hpp"

namespace mbh::netfuzz {

inline constexpr std::size_t kMaxFindingFrames = 64;
inline constexpr std::size_t kMaxFrameBytes = 260;  // what a replay file may hold per frame

struct SentFrame {
  std::vector<std::byte> bytes;
  FrameKind kind = FrameKind::kModelRead;
  friend bool operator==(const SentFrame&, const SentFrame&) = default;
};

struct Finding {
  Verdict kind = Verdict::kCrash;  // kCrash or kHang
  std::vector<SentFrame> frames;   // in order; the last preceded the failure
  std::string observed;            // one sentence: what the send and the probe got
  std::string map;                 // "conext-bms"
  std::uint8_t unit = 0;
  std::uint64_t seed = 0;
  std::uint64_t frame_index = 0;  // the index of the last frame in the run
  std::string time;               // UTC, ISO 8601
  friend bool operator==(const Finding&, const Finding&) = default;
};

}  // namespace mbh::netfuzz
