// Runs every benchmark, then prints what the issue asks about: the codec's cost per request
// as a share of one loopback round trip. Both come from this one run, on this machine's load.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <string_view>

#include "bench/benchmark_keys.hpp"
#include "bench/recording_reporter.hpp"

namespace {

using mbh::bench::RecordingConsoleReporter;

std::string duration_text(double seconds) {
  char text[32];
  if (seconds < 1e-6) {
    std::snprintf(text, sizeof text, "%.1f ns", seconds * 1e9);
  } else {
    std::snprintf(text, sizeof text, "%.2f us", seconds * 1e6);
  }
  return text;
}

void print_ratio(const RecordingConsoleReporter& reporter, std::string_view label,
                 std::string_view codec_key) {
  const auto codec = reporter.seconds_per_iteration(codec_key);
  const auto round_trip = reporter.seconds_per_iteration(mbh::bench::kRoundTripKey);
  if (!codec || !round_trip || *round_trip <= 0) {
    std::printf("%.*s / loopback round trip: not measured (%.*s or %.*s did not run)\n",
                static_cast<int>(label.size()), label.data(), static_cast<int>(codec_key.size()),
                codec_key.data(), static_cast<int>(mbh::bench::kRoundTripKey.size()),
                mbh::bench::kRoundTripKey.data());
    return;
  }
  const double percent = 100.0 * *codec / *round_trip;
  std::printf("%.*s / loopback round trip = %.3f%%  (%s / %s; target under %.0f%%: %s)\n",
              static_cast<int>(label.size()), label.data(), percent, duration_text(*codec).c_str(),
              duration_text(*round_trip).c_str(), mbh::bench::kTargetPercent,
              percent < mbh::bench::kTargetPercent ? "met" : "MISSED");
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  // Our own display reporter, so --benchmark_format is ignored; --benchmark_out still works.
  RecordingConsoleReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  std::fflush(stdout);
  std::printf("\n");
  print_ratio(reporter, "codec cost per request (server: frame, decode, answer, encode)",
              mbh::bench::kServerPathKey);
  print_ratio(reporter, "codec cost per request (client: encode, frame, check, decode)",
              mbh::bench::kClientPathKey);
  return 0;
}
