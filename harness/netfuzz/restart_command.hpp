#pragma once
// The --restart-cmd that brings a crashed device back: run with /bin/sh -c in a process group
// of its own, bounded in time (a command that hangs, `sleep 100`, must not stretch a 20 s run
// to 102 s) and by the interrupt flag; past either, its whole group is killed.
#include <atomic>
#include <chrono>
#include <string>

namespace mbh::netfuzz {

struct CommandOutcome {
  enum class End : std::uint8_t {
    kExited,       // ran to its end: `status` is the shell's status ($?: 128+N for signal N)
    kTimedOut,     // still running at the deadline: killed
    kInterrupted,  // the interrupt flag rose: killed
    kNotStarted,   // fork or exec failed: `error` says why
  };
  End end = End::kNotStarted;
  int status = 0;
  std::string error;
};

CommandOutcome run_restart_command(const std::string& command, std::chrono::milliseconds limit,
                                   const std::atomic<bool>* interrupt);

// "exited with status 7", "killed after 5000 ms: still running", ...: one phrase for a log.
std::string describe(const CommandOutcome& outcome, std::chrono::milliseconds limit);

}  // namespace mbh::netfuzz
