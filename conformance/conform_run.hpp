#pragma once
// A whole conformance run: the suites in order against one device, every change restored,
// the report filled in.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include "conformance/conform_options.hpp"
#include "conformance/device_channel.hpp"
#include "conformance/run_report.hpp"
#include "harness/journal/journal_file.hpp"

namespace mbh::conformance {

// Where a run is, for a progress line: taken after every request.
struct RunProgress {
  std::string_view suite;        // "gap"; "restore" while putting back what the run changed
  std::size_t suite_number = 0;  // 1-based among the suites this run takes
  std::size_t suites = 0;
  std::size_t checks = 0;
  std::size_t failing = 0;  // fails and warns so far
  std::uint64_t requests = 0;
  std::chrono::microseconds elapsed{0};
};

struct RunControl {
  // Watched between requests (and by the channel's waits): when raised, the suites stop, what
  // the run changed is restored, and the report says it was interrupted.
  const std::atomic<bool>* interrupt = nullptr;
  // A second signal: the restore stops too, and the report says what is left.
  const std::atomic<bool>* abort_restore = nullptr;
  // The write journal on disk; null: kept in memory only.
  journal::JournalWriter* journal = nullptr;
  // After each suite, the report so far (not complete): for report files written as the run
  // goes, so that a run cut short leaves them readable.
  std::function<void(const RunReport&)> after_suite;
  // After every request (and as each suite starts): where the run is. Cheap: the caller decides
  // how often to show it.
  std::function<void(const RunProgress&)> progress;
};

// The report before any check: what the run is asked to do (for a header printed first).
RunReport start_report(const ConformOptions& options);

RunReport run_conformance(DeviceChannel& channel, const ConformOptions& options,
                          const RunControl& control);
RunReport run_conformance(DeviceChannel& channel, const ConformOptions& options,
                          const std::atomic<bool>* interrupt = nullptr);

}  // namespace mbh::conformance
