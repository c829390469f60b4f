#pragma once
// The fuzz loop against a live device: sends the generator's frames, probes after any send
// that got no answer, saves each crash or hang as a replay file at once (so an interrupted run
// keeps what it found), and after a finding restarts the device with a command or stops.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "harness/client/target_address.hpp"
#include "harness/netfuzz/finding.hpp"
#include "harness/netfuzz/frame_kind.hpp"
#include "models/register_map.hpp"

namespace mbh::netfuzz {

struct FuzzOptions {
  const models::RegisterMap* map = nullptr;
  std::uint8_t unit = 1;
  std::uint64_t seed = 0;
  bool allow_writes = false;
  client::TargetAddress target;
  std::chrono::milliseconds timeout{1000};  // connecting, and each answer
  double rate = 0;                          // sends per second at most; 0 no cap
  std::chrono::seconds duration{60};        // 0: until interrupted
  std::string out_dir = "findings";
  std::string restart_cmd;                         // run with /bin/sh -c after a finding
  std::chrono::milliseconds restart_wait{30'000};  // for the device to answer again
  std::chrono::milliseconds progress_every{5'000};
  const std::atomic<bool>* interrupt = nullptr;
};

struct SavedFinding {
  Finding finding;
  std::string path;  // empty when it could not be written (save_error says why)
  std::string save_error;
};

struct FuzzSummary {
  enum class End : std::uint8_t {
    kCompleted,    // the duration passed
    kUnreachable,  // no answer to a valid read before the first frame
    kDeviceDown,   // a finding, and no restart (or the restart did not bring it back)
    kInterrupted,
  };
  End end = End::kCompleted;
  std::string reason;  // for kUnreachable and kDeviceDown: one sentence
  std::uint64_t frames = 0;
  std::uint64_t answered = 0;    // a whole frame came back
  std::uint64_t unframable = 0;  // bytes that cannot be framed came back
  std::uint64_t closed = 0;      // the device closed or reset the connection
  std::uint64_t no_answer = 0;   // nothing within the timeout
  std::uint64_t probes = 0;
  std::uint64_t restarts = 0;
  std::array<std::uint64_t, kFrameKindCount> by_kind{};
  std::vector<SavedFinding> findings;
  std::chrono::milliseconds elapsed{0};
};

// Runs until the duration passes, the device is down for good, or the interrupt flag rises.
// Progress lines go to `progress` every options.progress_every.
FuzzSummary run_network_fuzz(const FuzzOptions& options, std::ostream& progress);

}  // namespace mbh::netfuzz
