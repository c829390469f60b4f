#pragma once
// The Enapter configuration sequence (RULES.md R-CONFIG, the document's holding 4000/4001 and
// input 4000..4004) as a state machine: Begin, staged writes, Commit or Rollback. The rules and
// the transition table are at the top of enapter_configuration.cpp.
#include <cstdint>
#include <span>
#include <vector>

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
  // `applies_outside` is the config-outside-applies fault: a configuration register written
  // with no configuration open takes effect at once.
  EnapterConfiguration(const models::RegisterMap& map, bool applies_outside);

  static constexpr std::uint16_t kBegin = 4000;   // holding: Configuration Begin
  static constexpr std::uint16_t kCommit = 4001;  // holding: Configuration Commit
  static constexpr std::uint16_t kFirstRegister = 4002;

  // Holding registers 4002 and up: written only through the sequence.
  static bool is_configuration_register(std::uint16_t address) { return address >= kFirstRegister; }

  // One word written to holding 4000, 4001 or a configuration register; `bank` holds the
  // committed values and the status registers, which this updates.
  void write(std::uint16_t address, std::uint16_t value, RegisterBank& bank);

  ConfigurationState state() const { return state_; }
  // The status registers (holding 4000/4001, input 4000..4004) as they stand.
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
  bool applies_outside_;
  ConfigurationState state_ = ConfigurationState::kIdle;
  std::vector<Word> words_;  // every configuration register, in address order
  bool configured_over_modbus_ = false;
  std::int32_t last_result_ = 0;
  std::uint16_t wrong_holding_ = 0;
};

}  // namespace mbh::simulator
