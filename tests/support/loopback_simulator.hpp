#pragma once
// The bundled simulator serving the three maps (or the maps given) on 127.0.0.1 (a free port),
// faults by name, on a thread of its own: what the client, CLI and conformance tests talk to over
// loopback.
#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "harness/simulator/simulator.hpp"
#include "harness/transport/tcp_server.hpp"

namespace mbh::testing {

class LoopbackSimulator {
 public:
  // `devices` empty: the three built-in maps, each on its first unit id.
  explicit LoopbackSimulator(const std::vector<std::string>& faults = {},
                             std::vector<simulator::DeviceSpec> devices = {})
      : simulator_(options(faults, std::move(devices))) {
    transport::ServerOptions server_options;
    server_options.port = 0;
    server_ = std::make_unique<transport::TcpServer>(io_, server_options, simulator_);
    port_ = server_->local_endpoint().port();
    runner_ = std::thread([this] { io_.run(); });
  }
  ~LoopbackSimulator() {
    asio::post(io_, [this] { server_->stop(); });
    runner_.join();
  }
  LoopbackSimulator(const LoopbackSimulator&) = delete;
  LoopbackSimulator& operator=(const LoopbackSimulator&) = delete;

  std::uint16_t port() const { return port_; }
  std::string target() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  static simulator::SimulatorOptions options(const std::vector<std::string>& faults,
                                             std::vector<simulator::DeviceSpec> devices) {
    simulator::SimulatorOptions out;
    out.devices = std::move(devices);
    for (const auto& fault : faults) {
      auto parsed = simulator::parse_fault(fault);
      if (!parsed) throw std::invalid_argument(parsed.error());
      out.faults.push_back(parsed.value());
    }
    return out;
  }

  asio::io_context io_{1};
  simulator::Simulator simulator_;
  std::unique_ptr<transport::TcpServer> server_;
  std::uint16_t port_ = 0;
  std::thread runner_;
};

}  // namespace mbh::testing
