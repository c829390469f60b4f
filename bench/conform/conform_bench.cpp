// The conformance benchmark: each map's full default suite against a running simulator on
// loopback, next to the round-trip limit of one connection measured against the same server
// in the same run. The targets: at least 50 % of that limit, all three maps together
// in under 3 seconds.
//
//   mbh_conform_bench --port PORT [--repetitions N] [--round-trip-ms MS]
//
// run_conform_bench.sh starts the simulator on one core and this program on the other.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "bench/conform/raw_round_trip.hpp"
#include "conformance/conform_run.hpp"
#include "conformance/device_channel.hpp"
#include "models/map_catalog.hpp"

namespace {

namespace bench = mbh::bench;
namespace client = mbh::client;
namespace conformance = mbh::conformance;
namespace models = mbh::models;
using Seconds = std::chrono::duration<double>;

struct Arguments {
  std::uint16_t port = 0;
  int repetitions = 5;
  int round_trip_ms = 500;
};

Arguments parse_arguments(int argc, char** argv) {
  Arguments out;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view name = argv[i];
    const int value = std::stoi(argv[i + 1]);
    if (name == "--port" && value > 0 && value < 65536) {
      out.port = static_cast<std::uint16_t>(value);
    } else if (name == "--repetitions" && value > 0) {
      out.repetitions = value;
    } else if (name == "--round-trip-ms" && value > 0) {
      out.round_trip_ms = value;
    } else {
      throw std::invalid_argument("unknown option or bad value: " + std::string(name));
    }
  }
  if (argc % 2 == 0) throw std::invalid_argument("every option takes a value");
  if (out.port == 0) throw std::invalid_argument("--port is required");
  return out;
}

struct MapResult {
  std::string_view map;
  std::vector<Seconds> times;  // one per repetition
  std::uint64_t requests = 0;  // of the last repetition (the same seed sends the same ones)
  std::size_t checks = 0;
  Seconds median() const {
    auto sorted = times;
    std::ranges::sort(sorted);
    return sorted[sorted.size() / 2];
  }
};

// One whole default run (seed 1), as `mbharness conform --map M --seed 1` makes it.
conformance::RunReport run_once(const models::RegisterMap& map, std::uint16_t port) {
  client::ModbusClient device(client::TargetAddress{"127.0.0.1", port});
  conformance::ClientChannel channel(device);
  conformance::ConformOptions options;
  options.map = &map;
  options.unit = map.first_unit;
  options.target = "127.0.0.1:" + std::to_string(port);
  options.seed = 1;
  return conformance::run_conformance(channel, options);
}

// The first readable holding block of the BMS map: a read every conforming device answers.
bench::RoundTripRate round_trips(std::uint16_t port, std::chrono::milliseconds duration) {
  const models::RegisterMap& bms = *models::find_map("conext-bms");
  const models::Block& block = bms.blocks.front();
  const auto quantity = static_cast<std::uint16_t>(std::min(block.last - block.first + 1, 10));
  return bench::measure_raw_round_trips(port, bms.first_unit, block.first, quantity, duration);
}

int run(const Arguments& arguments) {
  const std::chrono::milliseconds round_trip_time(arguments.round_trip_ms);
  // The limit is measured before every map and after the last, and pooled, so that load
  // that comes and goes during the run weighs on both sides alike.
  bench::RoundTripRate limit;
  const auto add_round_trips = [&] {
    const auto rate = round_trips(arguments.port, round_trip_time);
    limit.requests += rate.requests;
    limit.elapsed += rate.elapsed;
  };

  std::vector<MapResult> results;
  for (const models::RegisterMap* map : models::all_maps()) {
    add_round_trips();
    MapResult result{map->id, {}, 0, 0};
    for (int i = 0; i < arguments.repetitions; ++i) {
      const auto start = std::chrono::steady_clock::now();
      const conformance::RunReport report = run_once(*map, arguments.port);
      result.times.push_back(std::chrono::steady_clock::now() - start);
      const int status = conformance::exit_status_of(report);
      if (status != 0) {
        std::fprintf(stderr, "conform on %s ended with exit status %d: not a clean simulator?\n",
                     std::string(map->id).c_str(), status);
        return 1;
      }
      result.requests = report.requests_sent;
      result.checks = report.checks.size();
    }
    results.push_back(result);
  }
  add_round_trips();

  const double limit_rate = limit.per_second();
  std::printf(
      "loopback round-trip limit (one connection, one request in flight): %.0f req/s "
      "(%.1f us per round trip, %llu round trips)\n\n",
      limit_rate, 1e6 / limit_rate, static_cast<unsigned long long>(limit.requests));
  std::printf("| map | requests | checks | wall time (median of %d) | req/s | of the limit |\n",
              arguments.repetitions);
  std::printf("|---|---:|---:|---:|---:|---:|\n");
  Seconds total{0};
  std::uint64_t total_requests = 0;
  for (const MapResult& result : results) {
    const Seconds median = result.median();
    const double rate = static_cast<double>(result.requests) / median.count();
    total += median;
    total_requests += result.requests;
    std::printf("| %s | %llu | %zu | %.1f ms | %.0f | %.0f %% |\n", std::string(result.map).c_str(),
                static_cast<unsigned long long>(result.requests), result.checks,
                median.count() * 1e3, rate, 100 * rate / limit_rate);
  }
  const double total_rate = static_cast<double>(total_requests) / total.count();
  std::printf("| all three | %llu | | %.1f ms | %.0f | %.0f %% |\n\n",
              static_cast<unsigned long long>(total_requests), total.count() * 1e3, total_rate,
              100 * total_rate / limit_rate);
  const bool rate_met = total_rate >= 0.5 * limit_rate;
  const bool time_met = total < Seconds(3);
  std::printf("target: at least 50 %% of the limit: %s; all three maps under 3 s: %s\n",
              rate_met ? "met" : "MISSED", time_met ? "met" : "MISSED");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_arguments(argc, argv));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "mbh_conform_bench: %s\n", error.what());
    return 2;
  }
}
