#pragma once
// What the connections of one fuzz run share (FuzzOptions::connections): the gate to the
// device, the findings and what makes two the same failure, the write journal, the progress
// stream, the counters the progress line shows, and the end of the run. With one connection
// nobody contends for any of it.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "harness/netfuzz/device_gate.hpp"
#include "harness/netfuzz/finding.hpp"
#include "harness/netfuzz/fuzz_journal.hpp"
#include "harness/netfuzz/network_fuzzer.hpp"

namespace mbh::netfuzz {

// What makes two findings the same failure (FuzzLane saves one per key).
struct FindingKey {
  Verdict kind;
  Anomaly anomaly;
  FrameKind frame_kind;
  int function;  // the frame's function byte; -1 for a frame too short to have one, or where
                 // the function does not matter
  auto operator<=>(const FindingKey&) const = default;
};

// A finding's key: a crash or hang after a frame of the same kind and function; an anomaly
// to the same function, whatever the frame's kind (a wrong answer is the device's handler's,
// not the frame's); an answer to protocol id not 0 once (bit flips give it every function
// byte).
FindingKey finding_key(const Finding& finding, const SentFrame& trigger);

// How the fuzzer's connections talk to the device: --timeout to connect and wait, the run's
// interrupt and capture, and a reset (not a FIN) on close, so that closed connections leave no
// TIME_WAIT behind on either side. A connection may wait less, and share --rate.
client::ClientOptions fuzz_client_options(const FuzzOptions& options);

struct FuzzShared {
  FuzzShared(const FuzzOptions& options, std::ostream& out);

  // Writes whole lines, one connection's at a time.
  void say(const std::string& text);
  // Passes on what the journal said (under journal_mutex, or after the connections ended).
  void pass_journal_notes();
  // The run ends for every connection, for `why` (the first reason given stays).
  void end(FuzzSummary::End how, std::string why);

  const std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  DeviceGate gate;
  std::mutex progress_mutex;
  std::ostream& progress;
  std::mutex book_mutex;                   // seen and findings
  std::map<FindingKey, std::size_t> seen;  // a finding's key: its entry in findings
  std::vector<SavedFinding> findings;
  std::mutex journal_mutex;
  std::ostringstream journal_notes;
  FuzzJournal journal;
  std::atomic<std::uint64_t> drawn{0};   // frames drawn by every connection: their numbers
  std::atomic<std::uint64_t> frames{0};  // every connection's
  std::atomic<std::uint64_t> answered{0};
  std::atomic<std::uint64_t> closed{0};
  std::atomic<std::uint64_t> no_answer{0};
  std::mutex end_mutex;
  std::atomic<bool> stop{false};
  FuzzSummary::End end_how = FuzzSummary::End::kCompleted;
  std::string reason;
};

}  // namespace mbh::netfuzz
