// The value rules (R-ENUM, R-BITS, R-EVENTS, R-IDENTITY, R-RANGE): every block read, every
// row decoded by the model's readout, one check per row and rule that applies to it; and,
// for the BMS, SunSpec's model structure over the whole holding space.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"
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
  // The holding space as read, by address, for SunSpec's structure.
  std::map<std::uint16_t, std::uint16_t> holding;
  const Probe* structure_probe = nullptr;
  std::vector<Probe> reads;
  reads.reserve(16);
  for (const models::Block& block : map.blocks) {
    for (const ReadRange& range : block_reads(map, block)) {
      if (session.stopped()) return;
      reads.push_back(session.send(read_request(range)));
      const Probe& read = reads.back();
      const auto registers = read.registers();
      if (!registers || registers->size() != range.quantity) {
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
      for (const auto& entry : models::read_out(map, range.space, range.first, *registers)) {
        check_entry(session, entry, read);
      }
      if (range.space == models::Space::kHolding) {
        for (std::size_t i = 0; i < registers->size(); ++i) {
          holding[static_cast<std::uint16_t>(range.first + i)] = (*registers)[i];
        }
        structure_probe = &read;
      }
    }
  }
  if (map.structure != models::ModelStructure::kSunSpec || holding.empty() ||
      !session.wants(RuleId::kIdentity)) {
    return;
  }
  // check_model_structure() wants one contiguous run from the first address.
  std::vector<std::uint16_t> all;
  const std::uint16_t first = holding.begin()->first;
  for (const auto& [address, value] : holding) {
    if (address != first + all.size()) break;
    all.push_back(value);
  }
  const auto issues = models::check_model_structure(map, first, all);
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
