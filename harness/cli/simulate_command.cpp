#include "harness/cli/simulate_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <asio/io_context.hpp>
#include <asio/signal_set.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <csignal>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include "harness/cli/exit_status.hpp"
#include "harness/cli/map_argument.hpp"
#include "harness/codec/result.hpp"
#include "harness/simulator/fault_catalogue.hpp"
#include "harness/simulator/simulator.hpp"
#include "harness/transport/tcp_server.hpp"
#include "models/map_catalog.hpp"

namespace mbh::cli {
namespace {

constexpr std::string_view kCommand = "mbharness simulate";

std::string_view fault_column(const simulator::FaultInfo& info) {
  switch (info.kind) {
    case simulator::FaultKind::kRule:
      return info.rule ? models::rule_name(*info.rule) : "rule";
    case simulator::FaultKind::kTransport:
      return "transport";
    case simulator::FaultKind::kFuzzTarget:
      return "fuzz";
  }
  return "";
}

void print_faults(std::ostream& out) {
  const auto catalogue = simulator::fault_catalogue();
  std::size_t width = 5;
  for (const auto& info : catalogue)
    width = std::max(width, info.name.size());
  out << fmt::format("{:<{}}  {:<16} {:<5}  {}\n", "fault", width, "breaks", "arg", "what it does");
  for (const auto& info : catalogue) {
    out << fmt::format("{:<{}}  {:<16} {:<5}  {}\n", info.name, width, fault_column(info),
                       info.argument.empty() ? "-" : info.argument, info.description);
  }
  out << "\nSwitch one on with --fault NAME, or --fault NAME=ARG where it takes an argument.\n";
}

// "conext-bms", "conext-bms@231" or "meter.json@7": the map (an id or a map file), on its
// first unit id unless one is given. Only digits after the last '@' are a unit id, so a path
// may hold an '@'.
Result<simulator::DeviceSpec, std::string> parse_device(std::string_view text) {
  auto at = text.rfind('@');
  if (at != std::string_view::npos &&
      text.find_first_not_of("0123456789", at + 1) != std::string_view::npos) {
    at = std::string_view::npos;
  }
  const auto resolved = resolve_map(text.substr(0, at));
  if (!resolved) return fail(resolved.error());
  const models::RegisterMap* map = resolved.value();
  if (at == std::string_view::npos) return simulator::DeviceSpec{map, models::default_unit(*map)};
  const std::string_view digits = text.substr(at + 1);
  unsigned unit = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), unit);
  if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size()) {
    return fail(fmt::format("bad unit id '{}' in --map {}: expected a number", digits, text));
  }
  // The unit ids the vendor's document lets the device take.
  if (unit < map->first_unit || unit > map->last_unit) {
    return fail(fmt::format("unit id {} is not one {} can take ({}..{})", unit, map->id,
                            map->first_unit, map->last_unit));
  }
  return simulator::DeviceSpec{map, static_cast<std::uint8_t>(unit)};
}

int usage_error(std::ostream& err, std::string_view message) {
  err << fmt::format("{}: {}\n", kCommand, message);
  return kUsage;
}

std::string describe(const simulator::Simulator& simulator,
                     const std::vector<simulator::FaultSpec>& faults) {
  std::string text;
  for (const auto& device : simulator.devices()) {
    text += fmt::format("{}{} on unit {}", text.empty() ? "" : ", ", device.map->id, device.unit);
  }
  std::string fault_text;
  for (const auto& fault : faults) {
    fault_text += fmt::format("{}{}{}", fault_text.empty() ? "" : ", ", fault.info->name,
                              fault.argument ? "=" + *fault.argument : "");
  }
  return fmt::format("{}; faults: {}", text, fault_text.empty() ? "none" : fault_text);
}

}  // namespace

void setup_simulate(CLI::App& app, SimulateOptions& options) {
  auto* simulate = app.add_subcommand(
      "simulate", "Serve the bundled devices over Modbus TCP until SIGINT or SIGTERM");
  simulate->footer(
      "Once it accepts connections it prints one line, `listening on ADDR:PORT`, on stdout.\n"
      "Exit status: 0 when stopped by SIGINT or SIGTERM (or after --list-faults); 2 for a usage\n"
      "error (bad option, unknown map, unit id or fault, a bind address that is no IP address);\n"
      "3 when the address cannot be bound (port in use, not an address of this host).");
  simulate->add_option("--map", options.maps,
                       "MAP[@UNIT]: serve this map (repeatable), on its first unit id unless "
                       "UNIT is given; default: all three built-in maps. MAP is " +
                           map_argument_help());
  simulate
      ->add_option("--bind", options.bind,
                   "IPv4 or IPv6 address to listen on; anything but loopback lets anyone who "
                   "can reach the port write registers")
      ->capture_default_str();
  simulate->add_option("--port", options.port, "TCP port; 0 picks a free one")
      ->capture_default_str();
  simulate->add_option("--fault", options.faults,
                       "NAME[=ARG]: switch on a fault (repeatable); --list-faults lists them");
  simulate->add_option("--seed", options.seed, "Seed of the simulated values")
      ->capture_default_str();
  simulate->add_flag("--list-faults", options.list_faults, "Print the fault catalogue and exit");
  simulate
      ->add_option("--max-connections", options.max_connections,
                   "Connections served at once; more are closed as they come")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}))
      ->capture_default_str();
  simulate
      ->add_option("--idle-timeout", options.idle_timeout,
                   "Seconds without traffic before a connection is closed; 0: never")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
}

int run_simulate(const SimulateOptions& options, std::ostream& out, std::ostream& err) {
  if (options.list_faults) {
    print_faults(out);
    return kOk;
  }

  simulator::SimulatorOptions simulator_options;
  simulator_options.seed = options.seed;
  for (const auto& text : options.maps) {
    auto device = parse_device(text);
    if (!device) return usage_error(err, device.error());
    simulator_options.devices.push_back(*device);
  }
  for (const auto& text : options.faults) {
    auto fault = simulator::parse_fault(text);
    if (!fault) return usage_error(err, fault.error());
    simulator_options.faults.push_back(*fault);
  }
  const auto faults = simulator_options.faults;
  std::optional<simulator::Simulator> simulator;
  try {
    simulator.emplace(std::move(simulator_options));
  } catch (const std::invalid_argument& error) {
    return usage_error(err, error.what());  // two devices on one unit id
  }

  const auto address = transport::parse_bind_address(options.bind);
  if (!address) {
    return usage_error(err,
                       fmt::format("--bind '{}' is not an IPv4 or IPv6 address", options.bind));
  }
  transport::ServerOptions server_options;
  server_options.bind_address = options.bind;
  server_options.port = options.port;
  server_options.max_connections = options.max_connections;
  server_options.idle_timeout = std::chrono::round<std::chrono::milliseconds>(
      std::chrono::duration<double>(options.idle_timeout));

  asio::io_context io{1};  // one I/O thread: this one
  std::optional<transport::TcpServer> server;
  try {
    server.emplace(io, std::move(server_options), *simulator);
  } catch (const std::system_error& error) {
    err << fmt::format("{}: {}\n", kCommand, error.what());
    return kUnreachable;
  }

  // Stopping is the normal end of a simulator: SIGINT or SIGTERM closes everything, exit 0.
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&server](std::error_code error, int /*signal*/) {
    if (error) return;
    // A second signal during shutdown (a script's trap often sends one) must not kill the
    // process once the signal_set is gone and the default action is back: keep it pending.
    sigset_t stopping;
    sigemptyset(&stopping);
    sigaddset(&stopping, SIGINT);
    sigaddset(&stopping, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopping, nullptr);
    server->stop();
  });

  if (!transport::is_loopback(*address)) {
    err << fmt::format(
        "{}: warning: listening on {}, not loopback: Modbus TCP has no authentication, so "
        "anyone who can reach this port can read and write registers\n",
        kCommand, options.bind);
  }
  err << fmt::format("{}: {}\n", kCommand, describe(*simulator, faults));
  out << "listening on " << transport::endpoint_text(server->local_endpoint()) << std::endl;

  io.run();
  return kOk;
}

}  // namespace mbh::cli
