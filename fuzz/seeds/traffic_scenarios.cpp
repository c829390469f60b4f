// What record_simulator_traffic sends to each map's device: every block read, every writable
// row written with a value close to its own and read back, Enapter's configuration sequence
// (committed and rolled back), requests each rule answers with an exception, and a few
// replies bent as hostile devices bend them, for the client.
#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <variant>

#include "conformance/model_addresses.hpp"
#include "conformance/register_requests.hpp"
#include "conformance/value_choice.hpp"
#include "models/command_register.hpp"
#include "models/known_state.hpp"
#include "models/map_catalog.hpp"
#include "traffic_recording.hpp"

namespace mbh::fuzz::seeds {
namespace {

using models::RegisterMap;
using models::RegisterRow;
using models::Space;

// A recording ends before its client script nears 4 KiB (the replies make it the larger) or
// it nears the 64 frames fuzz_simulator serves of one input.
constexpr std::size_t kFullScript = 3000;
constexpr std::size_t kMostRequests = 48;

// Recordings named by scenario, a new one (numbered) whenever the last is full; each read
// in its own way by fuzz_simulator: all at once, byte by byte, in odd pieces.
class Recordings {
 public:
  // A new recording for a scenario that has its own seed (one block, one row).
  Recording& fresh(const std::string& name) {
    current_.clear();
    return next(name);
  }
  Recording& next(const std::string& name) {
    if (all_.empty() || name != current_ || full(all_.back().second)) {
      static constexpr std::array<std::array<std::uint8_t, 2>, 4> kReads{
          {{0, 0}, {1, 1}, {7, 13}, {5, 0}}};
      current_ = name;
      all_.emplace_back(name + "-" + std::to_string(++count_[name]),
                        Recording(kReads[all_.size() % kReads.size()]));
    }
    return all_.back().second;
  }
  std::vector<NamedRecording> take() { return std::move(all_); }

 private:
  static bool full(const Recording& r) {
    return r.client_input().size() > kFullScript || r.requests() + 8 > kMostRequests;
  }

  std::vector<NamedRecording> all_;
  std::string current_;
  std::map<std::string, std::size_t> count_;
};

std::string named(const RegisterMap& map, const char* scenario) {
  return std::string(map.id) + "-" + scenario;
}

std::optional<std::vector<std::uint16_t>> registers_of(const std::optional<codec::Response>& r) {
  if (!r) return std::nullopt;
  if (const auto* holding = std::get_if<codec::ReadHoldingRegistersResponse>(&*r)) {
    return std::vector<std::uint16_t>(holding->values.begin(), holding->values.end());
  }
  return std::nullopt;
}

std::vector<std::byte> bytes_of(std::initializer_list<std::uint8_t> values) {
  std::vector<std::byte> bytes;
  for (const std::uint8_t v : values)
    bytes.push_back(std::byte{v});
  return bytes;
}

std::uint8_t high(std::uint16_t word) {
  return static_cast<std::uint8_t>(word >> 8);
}
std::uint8_t low(std::uint16_t word) {
  return static_cast<std::uint8_t>(word & 0xFF);
}

bool is_writable(const RegisterRow& row) {
  return row.space == Space::kHolding && row.access == models::Access::kReadWrite &&
         row.safety != models::SafetyClass::kCommand;
}

void record_reads(Recordings& recordings, const RegisterMap& map) {
  for (const models::Block& block : map.blocks) {
    Recording& r = recordings.fresh(named(map, "reads"));
    for (const auto& range : conformance::block_reads(map, block)) {
      r.send(models::default_unit(map), conformance::read_request(range));
    }
  }
}

// Read, write a value the row may hold (a command register its mildest order), read back.
void record_writes(Recordings& recordings, const RegisterMap& map) {
  for (const RegisterRow& row : map.rows) {
    if (!is_writable(row) || models::is_configuration_register(map, row.address)) continue;
    Recording& r = recordings.next(named(map, "writes"));
    const auto count = static_cast<std::uint16_t>(row.type.register_count());
    const auto read = conformance::read_request(Space::kHolding, row.address, count);
    const auto original = registers_of(r.send(models::default_unit(map), read));
    if (!original) continue;
    const auto value = models::is_command_register(row)
                           ? std::vector<std::uint16_t>{models::command_value(row)}
                           : conformance::nearby_valid_value(row, *original);
    r.send(models::default_unit(map),
           conformance::write_request(map, row.address, value, row.address % 2 == 0));
    r.send(models::default_unit(map), read);
  }
}

// RULES.md R-CONFIG: Begin, the write, Commit (or, for every third row, Rollback), the row read
// back and the status (input 4000..4004).
void record_configuration(Recordings& recordings, const RegisterMap& map) {
  std::size_t rows = 0;
  for (const RegisterRow& row : map.rows) {
    if (!is_writable(row) || !models::is_configuration_register(map, row.address)) continue;
    Recording& r = recordings.fresh(named(map, "configuration"));
    const auto count = static_cast<std::uint16_t>(row.type.register_count());
    const auto read = conformance::read_request(Space::kHolding, row.address, count);
    const auto original = registers_of(r.send(models::default_unit(map), read));
    if (!original) continue;
    const std::uint16_t commit = ++rows % 3 == 0 ? 0 : 1;
    r.send(models::default_unit(map),
           codec::WriteSingleRegisterRequest{map.configuration->begin, 1});
    r.send(models::default_unit(map),
           conformance::write_request(map, row.address,
                                      conformance::nearby_valid_value(row, *original)));
    r.send(models::default_unit(map),
           codec::WriteSingleRegisterRequest{map.configuration->commit, commit});
    r.send(models::default_unit(map), read);
    r.send(models::default_unit(map), conformance::read_request(Space::kInput, 4000, 5));
  }
}

// A request for each exception rule: R-FUNCTION, R-QUANTITY, R-GAP, R-PARTIAL-32,
// R-READONLY, R-UNIT, and PDUs too short or with a byte count that disagrees.
void record_exceptions(Recordings& recordings, const RegisterMap& map) {
  Recording& r = recordings.next(named(map, "exceptions"));
  const std::uint8_t unit = models::default_unit(map);
  for (const std::uint8_t function :
       std::to_array<std::uint8_t>({0x01, 0x02, 0x05, 0x0F, 0x17, 0x41})) {
    r.send(unit, bytes_of({function, 0x00, 0x00, 0x00, 0x01}));
  }
  r.send(unit, bytes_of({0x2B, 0x0E, 0x01, 0x00}));
  const RegisterRow* first = conformance::first_row(map, Space::kHolding);
  if (first == nullptr) return;
  r.send(unit, bytes_of({0x03, high(first->address), low(first->address), 0x00, 0x00}));
  r.send(unit, bytes_of({0x03, high(first->address), low(first->address), 0x00, 0x7E}));
  for (const Space space : {Space::kHolding, Space::kInput}) {
    if (!conformance::has_space(map, space)) continue;
    const auto gaps = conformance::gaps_of(map, space);
    for (std::size_t i = 0; i < std::min<std::size_t>(gaps.size(), 4); ++i) {
      r.send(unit, conformance::read_request(space, gaps[i].first, 1));
    }
  }
  const auto split = std::ranges::find_if(
      map.rows, [](const RegisterRow& row) { return row.type.register_count() == 2; });
  if (split != map.rows.end()) {
    r.send(unit, conformance::read_request(split->space, split->address + 1U, 1));
  }
  const auto read_only = std::ranges::find_if(map.rows, [](const RegisterRow& row) {
    return row.space == Space::kHolding && row.access == models::Access::kRead;
  });
  if (read_only != map.rows.end()) {
    const std::vector<std::uint16_t> words(read_only->type.register_count(), 0x5A5A);
    r.send(unit, conformance::write_request(map, read_only->address, words));
  }
  r.send(static_cast<std::uint8_t>(unit + 1), conformance::read_request(Space::kHolding, 0, 1));
  r.send(0xF7, conformance::read_request(Space::kHolding, first->address, 1));
  r.send(unit, bytes_of({0x03, 0x00}));
  r.send(unit,
         bytes_of({0x10, high(first->address), low(first->address), 0x00, 0x01, 0x04, 0x00, 0x01}));
}

// For the client: each bent reply followed by a plain exchange, so that the fuzzer starts
// from a late answer skipped, a wrong id, an answer cut short, a close mid-frame, garbage.
void record_hostile_replies(Recordings& recordings, const RegisterMap& map) {
  Recording& r = recordings.next(named(map, "hostile"));
  const RegisterRow* first = conformance::first_row(map, Space::kHolding);
  if (first == nullptr) return;
  const auto read = conformance::read_request(
      Space::kHolding, first->address, static_cast<std::uint16_t>(first->type.register_count()));
  for (const Delivery bent : {Delivery::kLate, Delivery::kWrongId, Delivery::kCut,
                              Delivery::kClosed, Delivery::kMalformed}) {
    r.send(models::default_unit(map), read, bent);
    r.send(models::default_unit(map), read);
  }
}

}  // namespace

std::vector<NamedRecording> record_all() {
  Recordings recordings;
  for (const RegisterMap* map : models::all_maps()) {
    record_reads(recordings, *map);
    record_writes(recordings, *map);
    record_configuration(recordings, *map);
    record_exceptions(recordings, *map);
    record_hostile_replies(recordings, *map);
  }
  return recordings.take();
}

}  // namespace mbh::fuzz::seeds
