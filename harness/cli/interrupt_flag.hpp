#pragma once
// SIGINT and SIGTERM as a flag that long runs (fuzz, replay) poll and hand to their client,
// so that they stop cleanly and still report what they have.
#include <atomic>

namespace mbh::cli {

class InterruptFlag {
 public:
  InterruptFlag();   // installs the handlers and lowers the flag
  ~InterruptFlag();  // restores the default handlers
  InterruptFlag(const InterruptFlag&) = delete;
  InterruptFlag& operator=(const InterruptFlag&) = delete;

  const std::atomic<bool>* flag() const;
  bool raised() const;
};

}  // namespace mbh::cli
