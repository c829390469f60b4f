#include "harness/simulator/simulator.hpp"

#include "harness/simulator/fault_applicability.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bitset>
#include <stdexcept>

#include "harness/codec/mbap_header.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/simulator/active_faults.hpp"
#include "harness/simulator/device.hpp"
#include "harness/simulator/request_answerer.hpp"
#include "harness/simulator/simulation_random.hpp"
#include "models/map_catalog.hpp"

namespace mbh::simulator {
namespace {

using transport::Reply;

// Every Nth request, N from a fault's argument.
bool nth(std::optional<std::uint32_t> every, std::uint64_t requests) {
  return every && requests % *every == 0;
}

// Appends to `reply` a copy of the answer frame at its start (`answer` bytes), when it fits;
// the copy's bytes, or none.
std::span<std::byte> append_copy(Reply& reply, std::size_t answer) {
  if (answer == 0 || answer > codec::kMaxAduSize || reply.size > Reply::kCapacity - answer) {
    return {};
  }
  const auto copy = reply.buffer().subspan(reply.size, answer);
  std::copy_n(reply.bytes.begin(), answer, copy.begin());
  reply.size += answer;
  return copy;
}

// Far past any round trip on loopback, and past the fuzzer's floor for a slow answer.
constexpr std::chrono::milliseconds kSlowOnDelay{600};

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
  // unsolicited-frame: the transaction ids requests have carried, and the next id to try for
  // a frame no request asked for (counting down from 0xFFFE, skipping those).
  std::bitset<0x10000> ids_seen;
  std::uint16_t next_unsolicited = 0xFFFE;

  std::uint16_t unsolicited_id() {
    for (std::size_t tries = 0; tries < 0x10000 && ids_seen[next_unsolicited]; ++tries)
      --next_unsolicited;
    ids_seen.set(next_unsolicited);  // used now: never twice
    return next_unsolicited--;
  }
};

Simulator::Simulator(SimulatorOptions options) : state_(std::make_unique<State>()) {
  State& s = *state_;
  s.specs = std::move(options.devices);
  if (s.specs.empty()) {
    for (const models::RegisterMap* map : models::all_maps()) {
      s.specs.push_back(DeviceSpec{map, models::default_unit(*map)});
    }
  }
  std::vector<const models::RegisterMap*> maps;
  for (const DeviceSpec& spec : s.specs)
    maps.push_back(spec.map);
  for (const FaultSpec& fault : options.faults) {
    if (fault.info == nullptr || std::ranges::find(maps, nullptr) != maps.end()) continue;
    if (auto why = why_fault_does_not_apply(*fault.info, maps)) throw std::invalid_argument(*why);
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

bool Simulator::skips_bad_frames() const {
  return state_->faults.drop_invalid;
}

bool Simulator::crashes_on_split_header() const {
  return state_->faults.split_header;
}

bool Simulator::answers_foreign_protocol() const {
  return state_->faults.foreign_protocol_answered;
}

std::size_t Simulator::hangs_above_connections() const {
  return state_->faults.connections_hang_above;
}

bool Simulator::crashes_on_slow_byte() const {
  return state_->faults.slow_byte_crash;
}

void Simulator::handle(const codec::Adu& request, Reply& reply) {
  State& s = *state_;
  const ActiveFaults& faults = s.faults;
  ++s.requests;
  if (faults.unsolicited_every) s.ids_seen.set(request.header.transaction_id);

  if (starts_with_any(request.pdu, faults.crash_on)) {
    reply.action = Reply::Action::kCrash;
    return;
  }
  if (starts_with_any(request.pdu, faults.hang_on)) {
    reply.action = Reply::Action::kHang;
    return;
  }
  if (const Device* addressed = s.by_unit[request.header.unit_id]; addressed != nullptr) {
    for (const BugClass* bug : faults.bugs) {
      if (!bug->triggered(request.pdu, addressed->map())) continue;
      reply.action =
          bug->reaction == BugReaction::kCrash ? Reply::Action::kCrash : Reply::Action::kHang;
      return;
    }
  }
  if (starts_with_any(request.pdu, faults.fail_on)) {
    const auto buffer = reply.buffer();
    const auto function = request.pdu.empty() ? std::byte{0} : request.pdu[0];
    buffer[codec::kMbapSize] = function | std::byte{0x80};
    buffer[codec::kMbapSize + 1] =
        std::byte{codec::to_byte(codec::ExceptionCode::kServerDeviceFailure)};
    codec::encode_mbap({request.header.transaction_id, 0, 3, request.header.unit_id},
                       buffer.first<codec::kMbapSize>());
    reply.size = codec::kMbapSize + 2;
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
  if (faults.drop_invalid && (device == nullptr || !codec::decode_request(request.pdu))) {
    reply.action = Reply::Action::kSilence;
    return;
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
  if (starts_with_any(request.pdu, faults.wrong_unit_on)) ++header.unit_id;
  codec::encode_mbap(header, buffer.first<codec::kMbapSize>());
  reply.size = codec::kMbapSize + pdu_size;
  if (pdu_size > 0 && starts_with_any(request.pdu, faults.wrong_function_on)) {
    const auto function = std::to_integer<unsigned>(buffer[codec::kMbapSize]);
    buffer[codec::kMbapSize] = std::byte{
        static_cast<unsigned char>(((function & 0x7FU) % 0x7FU + 1U) | (function & 0x80U))};
  }

  // In the same write as the answer, so that a client has them before its next request.
  const std::size_t answer = reply.size;
  if (nth(faults.duplicate_every, s.requests)) (void)append_copy(reply, answer);
  if (nth(faults.unsolicited_every, s.requests)) {
    const auto copy = append_copy(reply, answer);
    if (!copy.empty()) {
      header.transaction_id = s.unsolicited_id();
      codec::encode_mbap(header, copy.first<codec::kMbapSize>());
    }
  }

  if (faults.truncate) {
    reply.action = Reply::Action::kClose;
    reply.size /= 2;
  }
  if (faults.slow) reply.delay = *faults.slow;
  if (starts_with_any(request.pdu, faults.slow_on)) reply.delay = kSlowOnDelay;
}

}  // namespace mbh::simulator
