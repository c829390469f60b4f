#pragma once
// The progress line a long run keeps on stderr: one line, rewritten in place ("\r", erase to the
// end), at most every `interval`, cleared before anything else is printed and at the end, so
// that it never mixes with the report. Each suite's start is drawn at once. A run at --rate 5 shows
// it is alive; a run in CI (stderr not a terminal) shows nothing unless asked.
#include <chrono>
#include <iosfwd>
#include <string>

#include "conformance/conform_run.hpp"

namespace mbh::cli {

// "[7/14] gap  checks 123 (2 failing)  requests 456  12.3 s  37.0 requests/s"
std::string progress_text(const conformance::RunProgress& progress);

class ProgressLine {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kInterval{250};

  // Draws nothing when not `enabled`.
  ProgressLine(std::ostream& out, bool enabled);

  // Shows `progress` unless a line of the same suite was drawn less than kInterval before `now`.
  void update(const conformance::RunProgress& progress, Clock::time_point now = Clock::now());
  // Erases the line (when one is shown), for other output to follow.
  void clear();

 private:
  std::ostream& out_;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point last_{};
  std::string suite_;  // of the line last drawn
};

}  // namespace mbh::cli
