// R-READBACK: a valid value written to a writable register reads back equal. Every writable
// row the run may write (RULES.md's safety classes): its value read, a nearby valid one written
// (FC 06 for one register, FC 16 for more; Enapter's configuration registers through the
// configuration sequence), read back, and the original restored and verified at once.
// Connectivity registers get their own value back: a changed one would cut the run off.
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

#include "conformance/configuration_sequence.hpp"
#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/suite.hpp"
#include "conformance/value_choice.hpp"
#include "conformance/write_restore.hpp"
#include "harness/codec/values/value_decoders.hpp"
#include "harness/codec/values/value_encoders.hpp"
#include "models/command_register.hpp"
#include "models/known_state.hpp"

namespace mbh::conformance {
namespace {

using models::RuleId;
using models::Space;
using models::Status;

std::vector<std::uint16_t> words_of(const codec::RegisterWords& words) {
  return {words.span().begin(), words.span().end()};
}

// The clock's seconds, in the row's own type and word order (Enapter's is a uint64).
std::uint64_t seconds_of(const models::RegisterRow& row, std::span<const std::uint16_t> words) {
  const auto value = codec::decode_value(row.type, words);
  if (!value) return 0;
  const auto seconds = codec::value_to_physical(value.value(), 1.0, 0.0);
  return seconds && seconds.value() > 0 ? static_cast<std::uint64_t>(seconds.value()) : 0;
}

std::vector<std::uint16_t> clock_words(const models::RegisterRow& row, std::uint64_t seconds) {
  const auto words = codec::from_physical(static_cast<double>(seconds), row.type, 1.0, 0.0);
  return words ? words_of(words.value()) : std::vector<std::uint16_t>{};
}

// The clock (RULES.md: read-back compared within 2 s): set an hour ahead, read, then set back
// by the same hour on the device's own timeline.
void check_clock(Session& session, const models::RegisterRow& row, const std::string& name,
                 std::uint64_t original) {
  constexpr std::uint64_t kAhead = 3600;
  constexpr std::uint64_t kTolerance = 2;
  const auto count = static_cast<std::uint16_t>(row.type.register_count());
  const auto started = std::chrono::steady_clock::now();
  const auto ahead = clock_words(row, original + kAhead);
  const Probe write =
      session.check(name + ": write", write_request(session.map(), row.address, ahead, true));
  if (!write.accepted()) return;
  session.journal_written(row, ahead);
  const Probe read = session.send(read_request(row.space, row.address, count));
  const auto words = read.registers();
  const auto elapsed = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started)
          .count());
  const Probe* steps[] = {&write};
  if (!words) {
    session.record(RuleId::kReadback, Status::kFail, name + ": read back", row.space, row.address,
                   "the clock could not be read back: " + read.outcome(), &read, steps);
    return;
  }
  const std::uint64_t now = seconds_of(row, *words);
  const std::uint64_t expected = original + kAhead + elapsed;
  const std::uint64_t off = now > expected ? now - expected : expected - now;
  session.record(RuleId::kReadback, off <= kTolerance ? Status::kPass : Status::kFail,
                 name + ": read back", row.space, row.address,
                 fmt::format("the clock set to {} reads {} ({} s off; within {} s passes)",
                             original + kAhead, now, off, kTolerance),
                 &read, steps);
  const auto back = clock_words(row, now - kAhead);
  const Probe restore = session.send(write_request(session.map(), row.address, back, true));
  const auto after = session.read(row.space, row.address, count);
  const std::uint64_t settled = after ? seconds_of(row, *after) : 0;
  const bool restored =
      restore.accepted() && after &&
      (settled > now - kAhead ? settled - (now - kAhead) : (now - kAhead) - settled) <= kTolerance;
  session.journal_restored(row, restored,
                           restored ? "set back by the hour it was moved"
                                    : "the clock could not be set back: set it by hand");
}

// A command register (Reset, Clear, Reboot...): the order is accepted, and reads back as
// itself, or as 0 or its no-command value (RULES.md R-ENUM).
void check_command(Session& session, const models::RegisterRow& row, const std::string& name) {
  const std::uint16_t order[] = {models::command_value(row)};
  const Probe write =
      session.check(name + ": write the command", write_request(session.map(), row.address, order));
  session.journal_written(row, {order[0]});
  if (!write.accepted()) return;
  const Probe read = session.send(read_request(row.space, row.address, 1));
  const auto words = read.registers();
  const Probe* steps[] = {&write};
  const bool good = words && words->size() == 1 &&
                    ((*words)[0] == order[0] || models::reads_idle(row, (*words)[0]));
  session.record(RuleId::kReadback, good ? Status::kPass : Status::kFail, name + ": read back",
                 row.space, row.address,
                 words ? fmt::format("the command {} reads back {} (itself or 0{} passes)",
                                     order[0], words->empty() ? 0 : (*words)[0],
                                     row.no_command && *row.no_command != 0
                                         ? fmt::format(" or {}", *row.no_command)
                                         : std::string())
                       : "the command register could not be read back: " + read.outcome(),
                 &read, steps);
}

}  // namespace

void run_readback_suite(Session& session) {
  const auto& map = session.map();
  for (const models::RegisterRow& row : map.rows) {
    if (row.space != Space::kHolding || row.access != models::Access::kReadWrite) continue;
    if (row.safety == models::SafetyClass::kCommand) continue;  // the configuration sequence's
    if (session.stopped()) return;
    const std::string name = fmt::format("'{}' ({})", row.name, row.address);
    if (auto why = session.write_refusal(row)) {
      session.skip(RuleId::kReadback, name, *why, row.space, row.address);
      continue;
    }
    const auto count = static_cast<std::uint16_t>(row.type.register_count());
    const auto original = session.read(row.space, row.address, count);
    if (!original) {
      session.skip(RuleId::kReadback, name, "its value could not be read first", row.space,
                   row.address);
      continue;
    }
    session.journal_original(row, *original);
    if (row.safety == models::SafetyClass::kClock) {
      check_clock(session, row, name, seconds_of(row, *original));
      continue;
    }
    if (models::is_command_register(row)) {
      check_command(session, row, name);
      continue;
    }
    const auto value = row.safety == models::SafetyClass::kConnectivity
                           ? *original
                           : nearby_valid_value(row, *original);
    std::vector<Probe> written;
    if (models::is_configuration_register(map, row.address)) {
      auto sequence = write_configured(session, row, value, true, true, name);
      written = std::move(sequence.probes);
    } else {
      written.push_back(
          session.check(name + ": write", write_request(session.map(), row.address, value)));
    }
    if (std::ranges::any_of(written, [](const Probe& p) { return p.accepted(); })) {
      session.journal_written(row, value);
    }
    const Probe read = session.send(read_request(row.space, row.address, count));
    const auto expectation =
        models::expect(session.target(), session.unit(), *read.request, session.state());
    std::vector<const Probe*> steps;
    for (const Probe& p : written)
      steps.push_back(&p);
    auto verdict = session.judge(expectation, read);
    if (expectation.rule != RuleId::kReadback && written.back().accepted()) {
      // The state does not know the value (the write was refused): the read only shows the data.
      verdict.rule = RuleId::kReadback;
    }
    session.record(verdict, name + ": read back", row.space, row.address, &read, steps);
    restore_row(session, row);
  }
}

}  // namespace mbh::conformance
