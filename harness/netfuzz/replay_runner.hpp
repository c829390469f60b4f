#pragma once
// Sends a saved finding's frames again, in order and as far apart as they went (each wait at
// most kMaxReplayGap), a split-bytes frame one byte per segment as the fuzz loop sent it, each
// on its connection (the first frame's
// connection, then one per other connection number in the file), watching each the way the
// fuzz loop does: at the first send that gets no answer, a valid read on a new connection
// decides between crash, hang and nothing; for an anomaly, the last frame's answer is judged.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "harness/client/frame_tap.hpp"
#include "harness/client/modbus_client.hpp"
#include "harness/client/target_address.hpp"
#include "harness/netfuzz/finding.hpp"
#include "models/register_map.hpp"

namespace mbh::netfuzz {

// The longest a replay waits between two frames for the time that passed between them in the
// run (a frame of another connection may have gone long before).
inline constexpr std::chrono::milliseconds kMaxReplayGap{3000};

// What one frame of the file got, as the device sent it.
struct ReplayedFrame {
  client::ExchangeStatus status = client::ExchangeStatus::kConnectFailed;
  std::vector<std::byte> answer;  // the whole answer, or what came of one
  std::chrono::microseconds elapsed{0};
};

struct ReplayOutcome {
  bool unreachable = false;  // no connection before the first frame
  bool interrupted = false;
  Verdict verdict = Verdict::kNone;
  Anomaly anomaly = Anomaly::kNone;  // what the last frame's answer showed, for an anomaly
  std::size_t frames_sent = 0;
  std::string observed;               // what happened, one sentence or two
  std::vector<ReplayedFrame> frames;  // each frame sent, in order
};

// `tap` (may be null) is told of the traffic.
ReplayOutcome replay_finding(const Finding& finding, const models::RegisterMap& map,
                             const client::TargetAddress& target, std::chrono::milliseconds timeout,
                             const std::atomic<bool>* interrupt, client::FrameTap* tap = nullptr);

}  // namespace mbh::netfuzz
