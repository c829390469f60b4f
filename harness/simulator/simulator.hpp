#pragma once
// The bundled simulator: the three devices of the models answering by unit id, as RULES.md
// reads their documents, with faults from the catalogue switched on by name. Pure of I/O: the
// TCP server (harness/transport) calls handle() for each framed request.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/simulator/fault_catalogue.hpp"
#include "harness/transport/frame_handler.hpp"
#include "models/register_map.hpp"

namespace mbh::simulator {

struct DeviceSpec {
  const models::RegisterMap* map;
  std::uint8_t unit;
};

struct SimulatorOptions {
  std::vector<DeviceSpec> devices;  // empty: all three maps, each on its map's first unit id
  std::vector<FaultSpec> faults;    // from parse_fault()
  std::uint64_t seed = 1;           // the same seed and the same requests give the same answers
};

class Simulator final : public transport::FrameHandler {
 public:
  // Throws std::invalid_argument for two devices on one unit id, or a fault that changes
  // nothing on the maps served (an edge: the CLI's input).
  explicit Simulator(SimulatorOptions options);
  ~Simulator() override;
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  void handle(const codec::Adu& request, transport::Reply& reply) override;
  bool skips_bad_frames() const override;
  bool crashes_on_split_header() const override;
  bool answers_foreign_protocol() const override;
  std::size_t hangs_above_connections() const override;
  bool crashes_on_slow_byte() const override;

  const std::vector<DeviceSpec>& devices() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace mbh::simulator
