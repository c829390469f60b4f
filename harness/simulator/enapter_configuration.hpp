#pragma once
// The configuration sequence (RULES.md R-CONFIG; Enapter's holding 4000/4001 and input
// 4000..4004, or the registers a map file's `configuration` names) as a state machine: Begin,
// staged writes, Commit or Rollback. The rules and the transition table are at the top of
// enapter_configuration.cpp.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "harness/codec/function_code.hpp"
#include "harness/simulator/register_bank.hpp"
#include "models/register_map.hpp"

namespace mbh::simulator {

enum class ConfigurationState : std::uint8_t {
  kIdle,  // no configuration open: configuration registers hold their committed values
  kOpen,  // between Begin and Commit: writes to configuration registers are staged
};

enum class ConfigurationEvent : std::uint8_t {
  kBegin,     // holding 4000 <- non-zero
  kWrite,     // a configuration register (holding 4002 and up) written
  kCommit,    // holding 4001 <- non-zero
  kRollback,  // holding 4001 <- 0
};

enum class ConfigurationAction : std::uint8_t {
  kNothing,
  kOpen,         // rule 1: start a configuration
  kStage,        // rule 2: keep the value until Commit
  kApply,        // rule 3: check and apply what is staged
  kDiscard,      // rule 4: drop what is staged
  kNoEntry,      // rule 5: nothing to commit or roll back
  kIgnore,       // rule 6: no effect outside Begin/Commit
  kApplyAtOnce,  // the config-outside-applies fault, in place of rule 6
};

class EnapterConfiguration {
 public:
  // `map` has a configuration sequence. `applies_outside` is the config-outside-applies fault: a
  // configuration register written with no configuration open takes effect at once;
  // `refuses_commit` the config-commit-refused fault.
  EnapterConfiguration(const models::RegisterMap& map, bool applies_outside, bool refuses_commit);

  // Begin, Commit and the configuration registers: written through the sequence.
  bool handles(std::uint16_t address) const;
  // The exception a write of `count` words from `first` gets instead (config-commit-refused: a
  // write touching Commit), or nothing.
  std::optional<codec::ExceptionCode> refusal(std::uint16_t first, std::size_t count) const;

  // One word written to Begin, Commit or a configuration register; `bank` holds the committed
  // values and the status registers, which this updates.
  void write(std::uint16_t address, std::uint16_t value, RegisterBank& bank);

  ConfigurationState state() const { return state_; }
  // Whether a configuration was ever begun over Modbus (Enapter's Configuration Source), and
  // the first holding register a refused Commit found wrong (0: none).
  bool configured_over_modbus() const { return configured_over_modbus_; }
  std::uint16_t wrong_holding() const { return wrong_holding_; }
  // The status registers (Begin, Commit, Progress, Last Configuration Result) as they stand.
  void publish(RegisterBank& bank) const;

 private:
  void perform(ConfigurationAction action, std::uint16_t address, std::uint16_t value,
               RegisterBank& bank);
  void apply_staged(RegisterBank& bank);
  std::uint16_t after_commit(std::uint16_t address, const RegisterBank& bank) const;
  void discard_staged();

  struct Word {
    std::uint16_t address;
    std::uint16_t value = 0;
    bool staged = false;
  };
  const models::RegisterMap* map_;
  models::ConfigurationSequence sequence_;
  bool applies_outside_;
  bool refuses_commit_;
  ConfigurationState state_ = ConfigurationState::kIdle;
  std::vector<Word> words_;  // every configuration register, in address order
  bool configured_over_modbus_ = false;
  std::int32_t last_result_ = 0;
  std::uint16_t wrong_holding_ = 0;
};

}  // namespace mbh::simulator
