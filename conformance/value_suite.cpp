// The value rules (R-ENUM, R-BITS, R-EVENTS, R-IDENTITY, R-RANGE): every block read, every
// row decoded by the model's readout, one check per row and rule that applies to it; and,
// for the BMS, SunSpec's model structure over the whole holding space.
#include <fmt/format.h>

#include <utility>
#include <vector>

#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"
#include "conformance/value_reading.hpp"
#include "models/model_text.hpp"
#include "models/readout.hpp"

namespace mbh::conformance {
namespace {

using models::RuleId;
using models::Status;

Status status_of(const models::ValueIssue& issue) {
  return issue.level == models::Level::kShould ? Status::kWarn : Status::kFail;
}

void check_entry(Session& session, const models::ReadoutEntry& entry, const Probe& read) {
  const models::RegisterRow& row = *entry.row;
  for (const RuleId rule : models::value_rules_for(session.map(), row)) {
    std::vector<const models::ValueIssue*> issues;
    for (const auto& issue : entry.issues) {
      if (issue.rule == rule) issues.push_back(&issue);
    }
    const std::string name =
        fmt::format("'{}' ({} {})", row.name, models::space_name(row.space), row.address);
    if (issues.empty()) {
      session.record(rule, Status::kPass, name, row.space, row.address,
                     fmt::format("'{}' reads {}", row.name, entry.text), &read);
      continue;
    }
    for (const auto* issue : issues) {
      session.record(models::Verdict{status_of(*issue), issue->rule, issue->level,
                                     fmt::format("{} (reads {})", issue->message, entry.text)},
                     name, row.space, row.address, &read);
    }
  }
}

}  // namespace

void run_value_suite(Session& session) {
  const auto& map = session.map();
  const std::vector<PlannedRead> plan = plan_reads(map);
  std::vector<Probe> probes;  // one per read sent, kept for the checks that point at them
  probes.reserve(plan.size());
  std::vector<RangeRegisters> brought;
  brought.reserve(plan.size());
  for (const PlannedRead& planned : plan) {
    if (session.stopped()) break;
    probes.push_back(session.send(read_request(planned.range)));
    auto registers = probes.back().registers();
    if (!registers || registers->size() != planned.range.quantity) registers.reset();
    brought.push_back({planned.range, std::move(registers).value_or(std::vector<std::uint16_t>{})});
  }
  const ValueReadout readout = read_values(map, brought);
  const Probe* structure_probe = nullptr;  // the last holding read: it shows the structure
  for (std::size_t i = 0; i < brought.size(); ++i) {
    const ReadRange& range = brought[i].range;
    const Probe& read = probes[i];
    if (brought[i].registers.empty()) {
      for (const auto& row : map.rows) {
        if (row.space != range.space || row.address < range.first ||
            row.address >= range.first + range.quantity) {
          continue;
        }
        for (const RuleId rule : models::value_rules_for(map, row)) {
          session.skip(
              rule,
              fmt::format("'{}' ({} {})", row.name, models::space_name(row.space), row.address),
              "its block could not be read: " + read.outcome(), row.space, row.address);
        }
      }
      continue;
    }
    for (const auto& entry : readout.entries[i])
      check_entry(session, entry, read);
    if (range.space == models::Space::kHolding) structure_probe = &read;
  }
  // Stopped before the last read: the structure is not judged on part of the space.
  if (brought.size() < plan.size() || !readout.structure || !session.wants(RuleId::kIdentity)) {
    return;
  }
  const auto& issues = *readout.structure;
  if (issues.empty()) {
    session.record(RuleId::kIdentity, Status::kPass, "SunSpec model structure", std::nullopt,
                   std::nullopt,
                   "every SunSpec model length equals the registers that follow it, and the "
                   "Common Base Model length is 66",
                   structure_probe);
  }
  for (const auto& issue : issues) {
    session.record(models::Verdict{status_of(issue), issue.rule, issue.level, issue.message},
                   "SunSpec model structure", std::nullopt, std::nullopt, structure_probe);
  }
}

}  // namespace mbh::conformance
