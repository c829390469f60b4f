#pragma once
// Enapter's configuration sequence (RULES.md R-CONFIG): 1 to Configuration Begin (holding
// 4000), the registers, then 1 to Configuration Commit (holding 4001), or 0 to roll back.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "conformance/probe.hpp"
#include "models/register_map.hpp"

namespace mbh::conformance {

class Session;

struct SequenceSteps {
  std::vector<Probe> probes;  // Begin, the write, Commit: what was sent, in order
  bool accepted = false;      // every step answered normally
  std::size_t write_index = 1;
};

// `checked`: each step is judged by the oracle and recorded (R-CONFIG for Begin and Commit,
// the write's own rule); otherwise the steps are only sent (restoring).
SequenceSteps write_configured(Session& session, const models::RegisterRow& row,
                               std::span<const std::uint16_t> values, bool commit, bool checked,
                               const std::string& name);

// The pointers of a sequence's probes, for Session::record's `steps`.
std::vector<const Probe*> steps_of(const SequenceSteps& steps);

}  // namespace mbh::conformance
