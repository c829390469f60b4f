#include "harness/cli/progress_line.hpp"

#include <fmt/format.h>

#include <ostream>

namespace mbh::cli {

std::string progress_text(const conformance::RunProgress& progress) {
  const double seconds = std::chrono::duration<double>(progress.elapsed).count();
  const std::string step =
      progress.suite == "restore"
          ? std::string("restore")
          : fmt::format("[{}/{}] {}", progress.suite_number, progress.suites, progress.suite);
  return fmt::format("{}  checks {}{}  requests {}  {:.1f} s{}", step, progress.checks,
                     progress.failing > 0 ? fmt::format(" ({} failing)", progress.failing) : "",
                     progress.requests, seconds,
                     seconds > 0 ? fmt::format("  {:.1f} requests/s",
                                               static_cast<double>(progress.requests) / seconds)
                                 : "");
}

ProgressLine::ProgressLine(std::ostream& out, bool enabled) : out_(out), enabled_(enabled) {}

void ProgressLine::update(const conformance::RunProgress& progress, Clock::time_point now) {
  if (!enabled_) return;
  // A new suite is drawn at once: the steps of a run are what a watcher wants to see.
  const bool same_step = progress.suite == suite_;
  if (shown_ && same_step && now - last_ < kInterval) return;
  out_ << "\r\x1b[K" << progress_text(progress) << std::flush;
  shown_ = true;
  last_ = now;
  suite_ = std::string(progress.suite);
}

void ProgressLine::clear() {
  if (!shown_) return;
  out_ << "\r\x1b[K" << std::flush;
  shown_ = false;
}

}  // namespace mbh::cli
