// R-CONFIG (Enapter): Begin, write, Commit, then Last Configuration Result (input 4002) is 0
// and the value reads back; between Begin and Commit the register reads its staged or its
// committed value; Commit 0 rolls back; a write outside Begin/Commit does not take effect.
// One `setting` configuration register is used, restored through the sequence at the end.
#include <fmt/format.h>

#include "conformance/configuration_sequence.hpp"
#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"
#include "conformance/value_choice.hpp"
#include "conformance/write_restore.hpp"
#include "harness/codec/values/value_decoders.hpp"
#include "models/known_state.hpp"

namespace mbh::conformance {
namespace {

using models::RuleId;
using models::Space;
using models::Status;

const models::RegisterRow* configuration_setting(const models::RegisterMap& map) {
  for (const auto& row : map.rows) {
    if (row.space == Space::kHolding && row.safety == models::SafetyClass::kSetting &&
        models::is_configuration_register(map, row.address)) {
      return &row;
    }
  }
  return nullptr;
}

// A read of `row`, judged as R-CONFIG: it must hold `expected`.
void expect_value(Session& session, const models::RegisterRow& row, const std::string& name,
                  const std::vector<std::uint16_t>& expected, std::string_view what,
                  std::span<const Probe* const> steps) {
  const auto count = static_cast<std::uint16_t>(row.type.register_count());
  const Probe read = session.send(read_request(row.space, row.address, count));
  if (!read.sent) return;
  const auto now = read.registers();
  const bool good = now && *now == expected;
  std::string observed = now ? fmt::format("{}", fmt::join(*now, " ")) : read.outcome();
  session.record(RuleId::kConfig, good ? Status::kPass : Status::kFail, name, row.space,
                 row.address,
                 fmt::format("'{}' {}: expected [{}], got [{}]", row.name, what,
                             fmt::join(expected, " "), observed),
                 &read, steps);
}

}  // namespace

void run_config_suite(Session& session) {
  const auto& map = session.map();
  const models::RegisterRow* row = configuration_setting(map);
  if (row == nullptr || !map.configuration) return;
  const models::ConfigurationSequence& sequence = *map.configuration;
  const std::string name = fmt::format("'{}' ({})", row->name, row->address);
  if (auto why = session.write_refusal(*row)) {
    session.skip(RuleId::kConfig, "configuration sequence on " + name, *why, row->space,
                 row->address);
    return;
  }
  const auto count = static_cast<std::uint16_t>(row->type.register_count());
  const auto original = session.read(row->space, row->address, count);
  if (!original) {
    session.skip(RuleId::kConfig, "configuration sequence on " + name,
                 "its value could not be read first", row->space, row->address);
    return;
  }
  session.journal_original(*row, *original);
  for (std::size_t i = 0; i < original->size(); ++i) {
    session.state().committed[{row->space, static_cast<std::uint16_t>(row->address + i)}] =
        (*original)[i];
  }
  const auto value = nearby_valid_value(*row, *original);
  const auto other = nearby_valid_value(*row, value) == *original ? distinct_value(value)
                                                                  : nearby_valid_value(*row, value);

  // Commit: Begin, write, a read between (staged or committed: the oracle's EITHER), Commit.
  {
    const std::uint16_t one[] = {1};
    std::vector<Probe> steps;
    const std::string commit = name + " commit";
    steps.push_back(session.check(commit + ": Configuration Begin",
                                  write_request(session.map(), sequence.begin, one)));
    steps.push_back(session.check(commit + ": write staged",
                                  write_request(session.map(), row->address, value, true)));
    if (steps.back().accepted()) session.journal_written(*row, value);
    steps.push_back(session.check(commit + ": read between Begin and Commit",
                                  read_request(row->space, row->address, count)));
    steps.push_back(session.check(commit + ": Configuration Commit",
                                  write_request(session.map(), sequence.commit, one)));
    std::vector<const Probe*> before;
    for (const Probe& p : steps)
      before.push_back(&p);
    // Last Configuration Result (Enapter input 4002) is an Int32: both registers.
    const Probe result = session.send(read_request(Space::kInput, sequence.result, 2));
    const auto words = result.registers();
    std::optional<std::int32_t> code;
    if (words) {
      if (auto decoded = codec::decode_sint32(*words)) code = decoded.value();
    }
    const bool zero = code == 0;
    session.record(RuleId::kConfig, zero ? Status::kPass : Status::kFail,
                   name + ": Last Configuration Result after Commit", Space::kInput,
                   sequence.result,
                   code ? fmt::format("Last Configuration Result (input {}) reads {} after "
                                      "Commit (0 passes)",
                                      sequence.result, *code)
                        : "Last Configuration Result could not be read: " + result.outcome(),
                   &result, before);
    expect_value(session, *row, name + ": committed value reads back", value,
                 "after Commit reads the value written", before);
  }
  // Roll back: Begin, write another value, Commit 0: the committed value stays.
  {
    const auto steps = write_configured(session, *row, other, false, true, name + " roll back");
    if (steps.probes[1].accepted()) session.journal_written(*row, other);
    expect_value(session, *row, name + ": roll back keeps the committed value", value,
                 "after Commit 0 (roll back) still reads the committed value", steps_of(steps));
  }
  // Outside Begin/Commit: the write's answer may be either (the oracle), its value must not
  // take effect.
  {
    const Probe outside = session.check(name + ": write outside Begin/Commit",
                                        write_request(session.map(), row->address, other, true));
    if (outside.accepted()) session.journal_written(*row, other);
    const Probe* steps[] = {&outside};
    expect_value(session, *row, name + ": a write outside Begin/Commit takes no effect", value,
                 "after a write outside Begin/Commit still reads the committed value", steps);
  }
  session.journal_written(*row, value);
  restore_row(session, *row);
}

}  // namespace mbh::conformance
