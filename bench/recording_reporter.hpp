#pragma once
// The usual console table, plus each run's time per iteration kept by name, so that main()
// can divide one benchmark's time by another's from the same run.
#include <benchmark/benchmark.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mbh::bench {

class RecordingConsoleReporter : public benchmark::ConsoleReporter {
 public:
  RecordingConsoleReporter() : ConsoleReporter(OO_None) {}

  void ReportRuns(const std::vector<Run>& runs) override;

  // Wall-clock seconds per iteration of "Family/arg" (the median when repetitions were asked
  // for), or none when it did not run or failed.
  std::optional<double> seconds_per_iteration(std::string_view key) const;

 private:
  std::map<std::string, double, std::less<>> seconds_;
};

}  // namespace mbh::bench
