#pragma once
// Shrinks a crash or hang to the fewest and shortest frames that still bring the device down
// (frame_shrinker.hpp). Every candidate is replayed against the device as `replay` does it, and
// after each one that reproduces, `restart` brings the device back (--restart-cmd); without a
// restart nothing can be tried.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <vector>

#include "harness/client/frame_tap.hpp"
#include "harness/client/target_address.hpp"
#include "harness/netfuzz/finding.hpp"
#include "harness/netfuzz/frame_shrinker.hpp"
#include "models/register_map.hpp"

namespace mbh::netfuzz {

struct MinimiseOptions {
  const models::RegisterMap* map = nullptr;
  client::TargetAddress target;
  std::chrono::milliseconds timeout{1000};
  std::size_t max_replays = 32;
  // The last frames tried each alone first (a frame sent alone on a connection of its own may
  // have brought the device down before the one after it; with several connections, the last
  // frame of each other connection comes in front of the last one).
  std::size_t alone_tries = 2;
  // Restarts the device and waits for it; false when it did not come back.
  std::function<bool()> restart;
  const std::atomic<bool>* interrupt = nullptr;
  client::FrameTap* tap = nullptr;
};

struct Minimised {
  std::vector<SentFrame> frames;  // the shortest sequence found that reproduces; the
                                  // finding's own when none does
  std::size_t replays = 0;
  bool device_up = true;  // false: a restart failed, the device stays down
};

Minimised minimise_finding(const Finding& finding, const MinimiseOptions& options);

}  // namespace mbh::netfuzz
