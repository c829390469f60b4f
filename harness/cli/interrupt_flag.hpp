#pragma once
// SIGINT, SIGTERM and SIGHUP (a lost SSH session) as flags that long runs poll and hand to
// their client, so that a wait for an answer ends at once. The first signal raises flag():
// the run stops and restores what it changed. A second raises abort_flag(): the restore stops
// too, and the run says what is left and where the journal is. From then on the signals have
// their default action again, so a third ends the process at once. SIGPIPE is ignored while
// the flag lives: a terminal or pipe gone with the session must not kill the restore.
#include <atomic>

namespace mbh::cli {

class InterruptFlag {
 public:
  InterruptFlag();   // installs the handlers and lowers the flags
  ~InterruptFlag();  // restores the default handlers
  InterruptFlag(const InterruptFlag&) = delete;
  InterruptFlag& operator=(const InterruptFlag&) = delete;

  const std::atomic<bool>* flag() const;
  const std::atomic<bool>* abort_flag() const;
  bool raised() const;
  bool aborted() const;
  int signal_number() const;  // the first signal's, 0 before one came
};

}  // namespace mbh::cli
