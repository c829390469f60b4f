#include "harness/simulator/simulator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "harness/codec/mbap_header.hpp"
#include "harness/simulator/active_faults.hpp"
#include "harness/simulator/device.hpp"
#include "harness/simulator/request_answerer.hpp"
#include "harness/simulator/simulation_random.hpp"
#include "models/map_catalog.hpp"

namespace mbh::simulator {
namespace {

using transport::Reply;

bool starts_with_any(std::span<const std::byte> pdu,
                     const std::vector<std::vector<std::byte>>& shapes) {
  return std::ranges::any_of(shapes, [pdu](const std::vector<std::byte>& shape) {
    return shape.size() <= pdu.size() && std::ranges::equal(shape, pdu.first(shape.size()));
  });
}

}  // namespace

struct Simulator::State {
  std::vector<DeviceSpec> specs;
  ActiveFaults faults;
  std::vector<std::unique_ptr<Device>> devices;
  std::array<Device*, 256> by_unit{};
  std::uint64_t requests = 0;
};

Simulator::Simulator(SimulatorOptions options) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.specs = std::move(options.devices);
  if (s.specs.empty()) {
    for (const models::RegisterMap* map : models::all_maps()) {
      s.specs.push_back(DeviceSpec{map, map->first_unit});
    }
  }
  s.faults = activate(options.faults);
  for (std::size_t i = 0; i < s.specs.size(); ++i) {
    const DeviceSpec& spec = s.specs[i];
    if (spec.map == nullptr) throw std::invalid_argument("a device without a map");
    if (s.by_unit[spec.unit] != nullptr) {
      throw std::invalid_argument(fmt::format("two devices on unit id {}: {} and {}", spec.unit,
                                              s.by_unit[spec.unit]->map().id, spec.map->id));
    }
    s.devices.push_back(
        make_device(*spec.map, spec.unit, device_seed(options.seed, i, spec.unit), s.faults));
    s.by_unit[spec.unit] = s.devices.back().get();
  }
}

Simulator::~Simulator() = default;

const std::vector<DeviceSpec>& Simulator::devices() const {
  return state_->specs;
}

void Simulator::handle(const codec::Adu& request, Reply& reply) {
  State& s = *state_;
  const ActiveFaults& faults = s.faults;
  ++s.requests;

  if (starts_with_any(request.pdu, faults.crash_on)) {
    reply.action = Reply::Action::kCrash;
    return;
  }
  if (starts_with_any(request.pdu, faults.hang_on)) {
    reply.action = Reply::Action::kHang;
    return;
  }
  if (faults.silence) {
    reply.action = Reply::Action::kSilence;
    return;
  }
  if (faults.drop_every && s.requests % *faults.drop_every == 0) {
    reply.action = Reply::Action::kClose;
    reply.size = 0;
    return;
  }

  Device* device = s.by_unit[request.header.unit_id];
  if (device == nullptr && faults.wrong_unit_answered && !s.devices.empty()) {
    device = s.devices.front().get();
  }
  // Simulated time: a device lives a second per request it is sent, not with the wall clock,
  // so the same seed and the same requests give the same answers. Only the addressed device
  // moves: the others' values cost nothing until someone asks.
  if (device != nullptr) device->tick();
  const auto buffer = reply.buffer();
  std::size_t pdu_size = 0;
  if (device == nullptr) {
    // RULES.md R-UNIT allows silence or 0A/0B. A gateway's 0B (target device failed to
    // respond) tells a client at once instead of after its timeout.
    const auto pdu = buffer.subspan(codec::kMbapSize, 2);
    pdu[0] = request.pdu.empty() ? std::byte{0x80} : (request.pdu[0] | std::byte{0x80});
    pdu[1] = std::byte{codec::to_byte(codec::ExceptionCode::kGatewayTargetFailedToRespond)};
    pdu_size = 2;
  } else {
    pdu_size = answer_request(*device, request.pdu, faults,
                              buffer.subspan(codec::kMbapSize, codec::kMaxPduSize));
  }
  codec::MbapHeader header{
      .transaction_id = request.header.transaction_id,
      .protocol_id = 0,
      .length = static_cast<std::uint16_t>(pdu_size + 1),
      .unit_id = request.header.unit_id,
  };
  if (faults.tid_not_echoed) ++header.transaction_id;
  if (faults.mbap_length_wrong) ++header.length;
  codec::encode_mbap(header, buffer.first<codec::kMbapSize>());
  reply.size = codec::kMbapSize + pdu_size;

  if (faults.truncate) {
    reply.action = Reply::Action::kClose;
    reply.size /= 2;
  }
  if (faults.slow) reply.delay = *faults.slow;
}

}  // namespace mbh::simulator
