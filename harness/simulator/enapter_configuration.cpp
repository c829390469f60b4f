// The Enapter configuration sequence.
//
// Rules (RULES.md R-CONFIG; the document's holding 4000/4001 and input 4000..4004):
//  1. Begin (holding 4000 <- non-zero) opens a configuration: Configuration Progress (input
//     4000) reads 1, Configuration Source (input 4001) 1, "over Modbus". Begin again while
//     open keeps what is staged. Holding 4000 <- 0 does nothing.
//  2. While open, a write to a configuration register (holding 4002 and up) is staged; the
//     register goes on reading its committed value (RULES.md allows either).
//  3. Commit (holding 4001 <- non-zero) checks the staged rows (float32 finite and not
//     negative, percentages at most 100). All good: they are applied, Last Configuration
//     Result (input 4002) reads 0 (OK) and Last Configuration Wrong Holding (input 4004) 0.
//     Else nothing is applied, the result is 22 (Invalid) and the wrong holding the first bad
//     row's address. Either way the configuration closes.
//  4. Rollback (holding 4001 <- 0) discards the staged values; the result is 2 (No Entry:
//     "not started or interrupted").
//  5. Commit or Rollback with no configuration open: result 2.
//  6. A configuration register written with no configuration open has no effect (the write
//     is answered normally: RULES.md allows either).
//  Holding 4000 reads 1 while a configuration is open, holding 4001 reads 0: they are
//  commands, not settings (RULES.md: not subject to R-READBACK).
#include "harness/simulator/enapter_configuration.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "models/known_state.hpp"

namespace mbh::simulator {

namespace {

using Action = ConfigurationAction;
using Event = ConfigurationEvent;
using State = ConfigurationState;
using models::Space;

// Last Configuration Result values (input 4002).
constexpr std::int32_t kResultOk = 0;
constexpr std::int32_t kResultNoEntry = 2;
constexpr std::int32_t kResultInvalid = 22;

struct Transition {
  State from;
  Event event;
  Action action;
  State to;
};

// clang-format off
constexpr Transition kTransitions[] = {
    {State::kIdle, Event::kBegin,    Action::kOpen,    State::kOpen},
    {State::kIdle, Event::kWrite,    Action::kIgnore,  State::kIdle},
    {State::kIdle, Event::kCommit,   Action::kNoEntry, State::kIdle},
    {State::kIdle, Event::kRollback, Action::kNoEntry, State::kIdle},
    {State::kOpen, Event::kBegin,    Action::kNothing, State::kOpen},
    {State::kOpen, Event::kWrite,    Action::kStage,   State::kOpen},
    {State::kOpen, Event::kCommit,   Action::kApply,   State::kIdle},
    {State::kOpen, Event::kRollback, Action::kDiscard, State::kIdle},
};
// clang-format on

}  // namespace

EnapterConfiguration::EnapterConfiguration(const models::RegisterMap& map, bool applies_outside,
                                           bool refuses_commit)
    : map_(&map),
      sequence_(map.configuration.value()),
      applies_outside_(applies_outside),
      refuses_commit_(refuses_commit) {
  for (const models::RegisterRow& row : map.rows) {
    if (row.space != kH || !models::is_configuration_register(map, row.address)) continue;
    for (std::size_t i = 0; i < row.type.register_count(); ++i) {
      words_.push_back(Word{static_cast<std::uint16_t>(row.address + i)});
    }
  }
  std::ranges::sort(words_, {}, &Word::address);
}

bool EnapterConfiguration::handles(std::uint16_t address) const {
  return address == sequence_.begin || address == sequence_.commit ||
         models::is_configuration_register(*map_, address);
}

std::optional<codec::ExceptionCode> EnapterConfiguration::refusal(std::uint16_t first,
                                                                  std::size_t count) const {
  const bool touches_commit =
      first <= sequence_.commit && std::size_t{sequence_.commit} - first < count;
  if (refuses_commit_ && touches_commit) return codec::ExceptionCode::kServerDeviceFailure;
  return std::nullopt;
}

void EnapterConfiguration::write(std::uint16_t address, std::uint16_t value, RegisterBank& bank) {
  Event event = Event::kWrite;
  if (address == sequence_.begin) {
    if (value == 0) return;  // rule 1: only 1 (any true Boolean) starts a configuration
    event = Event::kBegin;
  } else if (address == sequence_.commit) {
    event = value != 0 ? Event::kCommit : Event::kRollback;
  }
  for (const Transition& t : kTransitions) {
    if (t.from == state_ && t.event == event) {
      state_ = t.to;
      perform(t.action, address, value, bank);
      break;
    }
  }
  publish(bank);
}

void EnapterConfiguration::perform(Action action, std::uint16_t address, std::uint16_t value,
                                   RegisterBank& bank) {
  const auto word = std::ranges::find(words_, address, &Word::address);
  switch (action) {
    case Action::kNothing:
      break;
    case Action::kOpen:
      configured_over_modbus_ = true;
      discard_staged();
      break;
    case Action::kStage:
      if (word != words_.end()) {
        word->value = value;
        word->staged = true;
      }
      break;
    case Action::kApply:
      apply_staged(bank);
      break;
    case Action::kDiscard:
      discard_staged();
      last_result_ = kResultNoEntry;
      break;
    case Action::kNoEntry:
      last_result_ = kResultNoEntry;
      break;
    case Action::kIgnore:
      if (applies_outside_) perform(Action::kApplyAtOnce, address, value, bank);
      break;
    case Action::kApplyAtOnce:
      bank.set(kH, address, value);
      break;
  }
}

void EnapterConfiguration::apply_staged(RegisterBank& bank) {
  // The rows as they would be after the commit, checked before anything is applied.
  for (const models::RegisterRow& row : map_->rows) {
    if (row.space != kH || !models::is_configuration_register(*map_, row.address)) continue;
    if (row.type.kind != codec::ValueKind::kFloat32) continue;
    const auto high = after_commit(row.address, bank);
    const auto low = after_commit(static_cast<std::uint16_t>(row.address + 1), bank);
    const auto value = std::bit_cast<float>(std::uint32_t{high} << 16 | low);
    const bool valid =
        std::isfinite(value) && value >= 0.0F && (row.units != "%" || value <= 100.0F);
    if (!valid) {
      last_result_ = kResultInvalid;
      wrong_holding_ = row.address;
      discard_staged();
      return;
    }
  }
  for (const Word& word : words_) {
    if (word.staged) bank.set(kH, word.address, word.value);
  }
  discard_staged();
  last_result_ = kResultOk;
  wrong_holding_ = 0;
}

std::uint16_t EnapterConfiguration::after_commit(std::uint16_t address,
                                                 const RegisterBank& bank) const {
  const auto word = std::ranges::find(words_, address, &Word::address);
  return word != words_.end() && word->staged ? word->value : bank.get(kH, address);
}

void EnapterConfiguration::discard_staged() {
  for (Word& word : words_)
    word.staged = false;
}

void EnapterConfiguration::publish(RegisterBank& bank) const {
  const bool open = state_ == State::kOpen;
  bank.set_uint16(kH, sequence_.begin, std::uint16_t{open});
  bank.set_uint16(kH, sequence_.commit, 0);
  bank.set_uint16(kI, sequence_.progress, std::uint16_t{open});
  bank.set_sint32(kI, sequence_.result, last_result_);
}

}  // namespace mbh::simulator
