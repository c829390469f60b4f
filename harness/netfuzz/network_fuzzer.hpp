#pragma once
// The fuzz loop against a live device: sends the generator's frames, each whole frame with a
// valid read right behind it on the same connection (its answer bounds the wait for the
// frame's to a round trip), frames a device may wait on alone on a connection of their own;
// after a silence, a valid read on a new connection tells a crash or a hang. Each finding
// (crash, hang, or an anomaly in an answer: anomaly.hpp) is saved as a replay file at once (so
// an interrupted run keeps what it found), once per distinct failure; after a crash or hang
// the device is restarted with a command and the finding minimised, or the run stops. What
// became of each frame goes back to the generator (black-box feedback).
// With allow_writes, every send is checked against the WritePolicy, the registers its writes
// reach are journalled before it goes (fuzz_journal.hpp), and every one of them is put back at
// the end, whatever ended the run.
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "harness/client/frame_tap.hpp"
#include "harness/client/target_address.hpp"
#include "harness/netfuzz/finding.hpp"
#include "harness/netfuzz/frame_kind.hpp"
#include "harness/netfuzz/fuzz_journal.hpp"
#include "models/register_map.hpp"

namespace mbh::netfuzz {

struct FuzzOptions {
  const models::RegisterMap* map = nullptr;
  std::uint8_t unit = 1;
  std::uint64_t seed = 0;
  bool allow_writes = false;
  bool allow_actuation = false;    // with allow_writes: actuating and clock rows too
  bool allow_destructive = false;  // destructive and connectivity rows; FC 08 0x0001/0x0004
  std::string journal_path;        // empty: a new mbharness-journal-... file in the current dir
  std::string tool_version;        // for the journal's header
  client::TargetAddress target;
  std::chrono::milliseconds timeout{1000};  // connecting, and each answer
  double rate = 0;                          // sends per second at most; 0 no cap
  std::chrono::seconds duration{60};        // 0: until interrupted
  std::string out_dir = "findings";
  std::string restart_cmd;  // run with /bin/sh -c after a finding
  // For --restart-cmd to finish and the device to answer again, both together.
  std::chrono::milliseconds restart_wait{30'000};
  std::chrono::milliseconds progress_every{5'000};
  std::uint64_t max_frames = 0;  // stop after this many frames (the run completes); 0: no cap
  bool feedback = true;          // steer towards frames whose outcome was of a new class
  // Connections fuzzing at once, each its own frames (seed + its number from 0); 0: half as
  // many as the device serves at once (each needs a second one at times), up to 4. With several, a
  // crash or hang stops them all while one records it and restarts the device; --rate is shared
  // among them.
  std::size_t connections = 1;
  const std::atomic<bool>* interrupt = nullptr;
  const std::atomic<bool>* abort_restore = nullptr;  // a second signal: the restore stops too
  client::FrameTap* tap = nullptr;  // told of every connection's traffic, the restore's too
};

struct SavedFinding {
  Finding finding;
  std::string path;  // empty when it could not be written (save_error says why)
  std::string save_error;
  std::uint64_t count = 1;  // times the same failure was seen (same kind after the same shape)
};

struct FuzzSummary {
  enum class End : std::uint8_t {
    kCompleted,    // the duration passed
    kUnreachable,  // no answer to a valid read before the first frame
    kDeviceDown,   // a finding, and no restart (or the restart did not bring it back)
    kInterrupted,
  };
  End end = End::kCompleted;
  std::string reason;           // for kUnreachable and kDeviceDown: one sentence
  std::size_t connections = 1;  // fuzzed on at once
  std::uint64_t frames = 0;
  std::uint64_t answered = 0;    // a whole frame came back
  std::uint64_t unframable = 0;  // bytes that cannot be framed came back
  std::uint64_t closed = 0;      // the device closed or reset the connection
  std::uint64_t no_answer = 0;   // nothing within the wait
  // Of those, the frames the device dropped: the valid read sent right behind was answered.
  std::uint64_t dropped = 0;
  // Frames a device may wait on for more bytes that it did wait on (the read on another
  // connection was answered meanwhile).
  std::uint64_t waited = 0;
  std::size_t classes = 0;       // classes of outcome seen (function, exception, length, end)
  std::uint64_t full_waits = 0;  // waits that ran to the whole --timeout (a silent device)
  bool pipelining = true;  // false once the device was seen to lose requests sent back to back
  std::chrono::microseconds round_trip_p50{0};  // the device's, as measured on answers
  std::chrono::microseconds round_trip_p99{0};
  std::chrono::milliseconds wait{0};  // the wait for an answer at the end (adapted)
  std::uint64_t probes = 0;           // valid reads on a new connection, after a silence or a close
  // Every valid read the loop sent besides the frames (behind them, on another connection, the
  // probes), but the one before the first frame and the journal's.
  std::uint64_t reads = 0;
  std::uint64_t restarts = 0;
  std::array<std::uint64_t, kFrameKindCount> by_kind{};
  std::vector<SavedFinding> findings;
  std::chrono::milliseconds elapsed{0};  // fuzzing, not the restore after it

  // With allow_writes.
  std::uint64_t writes = 0;          // sends that carried a valid write
  std::uint64_t writes_skipped = 0;  // not sent: a register's value could not be read or journalled
  std::uint64_t refused = 0;         // refused by the policy after the generator (always 0)
  std::string journal_path;          // empty when nothing was journalled
  std::string journal_error;         // the first read or journal failure, if any
  std::vector<WrittenRegister> written;  // every register journalled, and whether it is back
  std::chrono::milliseconds restore_elapsed{0};

  bool all_restored() const;
};

// Runs until the duration passes, the device is down for good, or the interrupt flag rises.
// Progress lines go to `progress` every options.progress_every. With several connections the
// extra ones run on threads of their own; the call returns when all have ended.
FuzzSummary run_network_fuzz(const FuzzOptions& options, std::ostream& progress);

}  // namespace mbh::netfuzz
