#pragma once
// A finding: the device crashed or hung after a send, or answered it wrongly (anomaly.hpp). It
// keeps every frame sent on that connection (the state a device builds up may matter), up to
// the last kMaxFindingFrames, the last of them being the one that preceded the failure, each
// with what the device answered to it, the connection it went on and when (a frame sent alone
// on a connection of its own, the last frames of the other connections of --connections).
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "harness/netfuzz/anomaly.hpp"
#include "harness/netfuzz/frame_kind.hpp"
#include "harness/netfuzz/verdict.hpp"

namespace mbh::netfuzz {

inline constexpr std::size_t kMaxFindingFrames = 64;
inline constexpr std::size_t kMaxFrameBytes = 260;  // what a replay file may hold per frame

struct SentFrame {
  std::vector<std::byte> bytes;
  FrameKind kind = FrameKind::kModelRead;
  std::vector<std::byte> answer;  // what the device sent back to it, as it came (empty: nothing)
  // The connection it went on: in a finding, 0 for the first frame's, then numbered as they
  // first appear (number_connections()); while the fuzz loop records, an id of its own.
  std::uint64_t connection = 0;
  // When it went: in a finding, milliseconds after its first frame; while recording, after
  // the run began.
  std::uint64_t at_ms = 0;
  friend bool operator==(const SentFrame&, const SentFrame&) = default;
};

// Whether the fuzz loop (and replay) sent the frame without waiting for an answer: the opening
// of a held connection (a held-connections frame with no bytes; the read that goes with them
// has its bytes) or a byte of a slow drip. A device is judged after them by a valid read on
// another connection.
bool sent_unanswered(const SentFrame& frame);

// A finding's frames as the fuzz loop recorded them, their connections numbered 0, 1, ... in
// the order they first appear and their times made relative to the first frame's.
void number_connections(std::vector<SentFrame>& frames);

// The frames a finding holds when the device went down after a send: the connection's
// history, or the frame alone when it went on a connection of its own (it alone reproduces the
// finding then). A frame sent alone just before that got no answer goes in front of either: the
// read on the other connection may have been answered before the device fell over that frame,
// and the minimiser tries it alone. At most kMaxFindingFrames: the frame in front and the
// newest ones are kept.
std::deque<SentFrame> frames_before_down(std::deque<SentFrame> history,
                                         const std::optional<SentFrame>& sent_alone,
                                         const std::optional<SentFrame>& unanswered_alone_before);

// Whether two findings' frames are the same sends: the same bytes but for the transaction ids,
// on the same connections (numbered as number_connections() numbers them). Two findings cut
// down to the same sends are one failure, whatever frames they were found after.
bool same_sends(const std::vector<SentFrame>& a, const std::vector<SentFrame>& b);

struct Finding {
  Verdict kind = Verdict::kCrash;    // kCrash, kHang or kAnomaly
  Anomaly anomaly = Anomaly::kNone;  // for kAnomaly: which
  std::vector<SentFrame> frames;     // in order; the last preceded the failure
  std::string observed;              // one sentence: what the send and the probe got
  std::string map;                   // "conext-bms"
  std::uint8_t unit = 0;
  std::uint64_t seed = 0;
  std::uint64_t frame_index = 0;  // the index of the last frame in the run
  std::string time;               // UTC, ISO 8601
  std::string tool_version;       // the mbharness that found it (empty in version 1 files)
  std::string target;             // "192.168.1.20:502" (empty in version 1 files)
  friend bool operator==(const Finding&, const Finding&) = default;
};

}  // namespace mbh::netfuzz
