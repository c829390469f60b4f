#include "bench/recording_reporter.hpp"

namespace mbh::bench {

namespace {

// "Family/arg", without the suffixes (real_time, min_time, threads) that depend on options.
std::string key_of(const benchmark::BenchmarkReporter::Run& run) {
  const auto& name = run.run_name;
  return name.args.empty() ? name.function_name : name.function_name + "/" + name.args;
}

}  // namespace

void RecordingConsoleReporter::ReportRuns(const std::vector<Run>& runs) {
  ConsoleReporter::ReportRuns(runs);
  for (const Run& run : runs) {
    if (run.error_occurred) continue;
    // Repetitions come first and their median after: the median is the figure that stays.
    const bool usable = run.run_type == Run::RT_Iteration ||
                        (run.run_type == Run::RT_Aggregate && run.aggregate_name == "median");
    if (!usable) continue;
    seconds_[key_of(run)] =
        run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
  }
}

std::optional<double> RecordingConsoleReporter::seconds_per_iteration(std::string_view key) const {
  const auto found = seconds_.find(key);
  if (found == seconds_.end()) return std::nullopt;
  return found->second;
}

}  // namespace mbh::bench
