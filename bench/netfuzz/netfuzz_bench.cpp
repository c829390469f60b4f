// The network fuzz benchmark (issue: fuzz at the device's speed): `mbharness fuzz`'s frames per
// second against (a) the simulator, (b) the simulator answering 5 ms late, (c) the simulator
// dropping every frame it cannot parse, each next to that device's own rate of valid reads on
// one connection (one request in flight), measured in the same run; the fuzzer on one
// connection and on four (`--connections 4`). Targets: at least 0.5x the device's valid-read
// rate in all three, more with --connections, at least 2,000 frames per second against (a).
//
//   mbh_netfuzz_bench [--seconds S] [--read-seconds S] [--seed N] [--feedback-frames N]
//
// Then the classes of outcome the fuzzer reaches against (a) in the same number of frames with
// and without its black-box feedback, seeds 1 to 3.
//
// The simulator runs in process on a thread of its own (one core each on a 2-core machine).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "bench/conform/raw_round_trip.hpp"
#include "harness/netfuzz/network_fuzzer.hpp"
#include "models/map_catalog.hpp"
#include "tests/support/loopback_simulator.hpp"

namespace {

namespace netfuzz = mbh::netfuzz;
namespace models = mbh::models;

struct Arguments {
  double seconds = 5;
  double read_seconds = 2;
  std::uint64_t seed = 1;
  std::uint64_t feedback_frames = 20'000;
};

Arguments parse_arguments(int argc, char** argv) {
  Arguments out;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--seconds") {
      out.seconds = std::stod(value);
    } else if (name == "--read-seconds") {
      out.read_seconds = std::stod(value);
    } else if (name == "--seed") {
      out.seed = std::stoull(value);
    } else if (name == "--feedback-frames") {
      out.feedback_frames = std::stoull(value);
    } else {
      throw std::invalid_argument("unknown option " + std::string(name));
    }
  }
  return out;
}

struct Device {
  const char* name;
  std::vector<std::string> faults;
};

}  // namespace

int main(int argc, char** argv) try {
  const Arguments arguments = parse_arguments(argc, argv);
  const models::RegisterMap& map = *models::find_map("conext-bms");
  // A valid read: the first row whole (a part of a 32-bit value would be refused).
  const auto& row = map.rows.front();
  const auto out_dir =
      std::filesystem::temp_directory_path() / ("mbh-netfuzz-bench-" + std::to_string(::getpid()));
  std::printf("%-44s %14s %5s %14s %7s %9s %9s %9s\n", "device", "valid reads/s", "conns",
              "fuzz frames/s", "ratio", "dropped", "waited", "findings");
  for (const Device& device :
       {Device{"(a) simulator", {}}, Device{"(b) simulator answering 5 ms late", {"slow=5"}},
        Device{"(c) simulator dropping what it cannot parse", {"drop-invalid"}}}) {
    const mbh::testing::LoopbackSimulator simulator(device.faults);
    const auto reads = mbh::bench::measure_raw_round_trips(
        simulator.port(), models::default_unit(map), row.address,
        static_cast<std::uint16_t>(row.type.register_count()),
        std::chrono::milliseconds(static_cast<long>(arguments.read_seconds * 1000)));

    for (const std::size_t connections : {1U, 4U}) {
      netfuzz::FuzzOptions options;
      options.map = &map;
      options.unit = models::default_unit(map);
      options.seed = arguments.seed;
      options.target = {"127.0.0.1", simulator.port()};
      options.duration = std::chrono::seconds(static_cast<long>(std::max(1.0, arguments.seconds)));
      options.out_dir = out_dir.string();
      options.connections = connections;
      std::ostringstream progress;
      const auto summary = netfuzz::run_network_fuzz(options, progress);
      const double seconds = static_cast<double>(summary.elapsed.count()) / 1000.0;
      const double frames = seconds > 0 ? static_cast<double>(summary.frames) / seconds : 0;
      std::printf("%-44s %14.0f %5zu %14.0f %6.2fx %9llu %9llu %9zu\n", device.name,
                  reads.per_second(), summary.connections, frames,
                  reads.per_second() > 0 ? frames / reads.per_second() : 0.0,
                  static_cast<unsigned long long>(summary.dropped),
                  static_cast<unsigned long long>(summary.waited), summary.findings.size());
    }
  }

  // Black-box feedback: classes of outcome reached in the same number of frames, same seeds.
  const mbh::testing::LoopbackSimulator simulator;
  std::printf(
      "\nclasses of outcome reached in %llu frames against (a), seed: with feedback / "
      "without\n",
      static_cast<unsigned long long>(arguments.feedback_frames));
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    std::size_t classes[2] = {0, 0};
    for (const bool feedback : {true, false}) {
      netfuzz::FuzzOptions options;
      options.map = &map;
      options.unit = models::default_unit(map);
      options.seed = seed;
      options.target = {"127.0.0.1", simulator.port()};
      options.duration = std::chrono::seconds(600);
      options.max_frames = arguments.feedback_frames;
      options.feedback = feedback;
      options.out_dir = out_dir.string();
      std::ostringstream progress;
      classes[feedback ? 0 : 1] = netfuzz::run_network_fuzz(options, progress).classes;
    }
    std::printf("  seed %llu: %zu / %zu\n", static_cast<unsigned long long>(seed), classes[0],
                classes[1]);
  }
  std::filesystem::remove_all(out_dir);
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "mbh_netfuzz_bench: %s\n", error.what());
  return 1;
}
