#include "conformance/value_reading.hpp"

#include <map>

namespace mbh::conformance {

std::vector<PlannedRead> plan_reads(const models::RegisterMap& map) {
  std::vector<PlannedRead> plan;
  for (const models::Block& block : map.blocks) {
    for (const ReadRange& range : block_reads(map, block))
      plan.push_back({&block, range});
  }
  return plan;
}

std::optional<HoldingRun> first_holding_run(std::span<const RangeRegisters> reads) {
  std::map<std::uint16_t, std::uint16_t> holding;  // every holding register read, by address
  for (const RangeRegisters& read : reads) {
    if (read.range.space != models::Space::kHolding) continue;
    for (std::size_t i = 0; i < read.registers.size(); ++i)
      holding[static_cast<std::uint16_t>(read.range.first + i)] = read.registers[i];
  }
  if (holding.empty()) return std::nullopt;
  HoldingRun run{holding.begin()->first, {}};
  std::uint32_t expected = run.first;
  for (const auto& [address, value] : holding) {
    if (address != expected) break;
    run.registers.push_back(value);
    ++expected;
  }
  return run;
}

ValueReadout read_values(const models::RegisterMap& map, std::span<const RangeRegisters> reads) {
  ValueReadout readout;
  readout.entries.reserve(reads.size());
  for (const RangeRegisters& read : reads) {
    readout.entries.push_back(
        models::read_out(map, read.range.space, read.range.first, read.registers));
  }
  if (map.structure == models::ModelStructure::kNone) return readout;
  if (const auto run = first_holding_run(reads)) {
    readout.structure = models::check_model_structure(map, run->first, run->registers);
  }
  return readout;
}

}  // namespace mbh::conformance
