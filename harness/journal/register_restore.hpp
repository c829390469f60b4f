#pragma once
// Putting one journalled register back (RULES.md "Restoring, read this way"), the same steps
// for a run that restores what it changed and for `mbharness restore` finishing from a
// journal: a value written back and read back, through Enapter's configuration sequence where
// the journal says so; a command register never given its order again, only its no-command
// value; the clock moved on by the time that passed. Pure of I/O: it talks to the device
// through RegisterAccess.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness/journal/journal_record.hpp"

namespace mbh::journal {

class RegisterAccess {
 public:
  virtual ~RegisterAccess() = default;
  // The registers read (exactly `count` of them), or nothing.
  virtual std::optional<std::vector<std::uint16_t>> read(models::Space space, std::uint16_t address,
                                                         std::uint16_t count) = 0;
  // FC 16 when `multiple`, else FC 06; true when answered normally.
  virtual bool write(std::uint16_t address, std::span<const std::uint16_t> words,
                     bool multiple) = 0;
};

struct RestoreOutcome {
  bool restored = false;
  bool wrote = false;  // a restoring write was sent
  std::string how;     // how it came back, or why it did not: one sentence
};

// `now`: Unix seconds (the clock's restore adds the time since the original was read).
RestoreOutcome restore_register(RegisterAccess& device, const JournalRegister& entry,
                                std::int64_t now);

// Rolls an open configuration sequence back (0 to Commit); true when it is closed: its
// progress register reads 0, or, without one, the roll back was accepted.
bool roll_back(RegisterAccess& device, Sequence sequence);

// What a journal left to do on one device, as the journal names it.
struct DeviceWork {
  std::string target;
  std::uint8_t unit = 0;
  std::vector<Sequence> open_sequences;
  std::vector<const JournalRegister*> registers;  // in the order of their first write
};

// The journal's pending work, one entry a device.
std::vector<DeviceWork> work_of(const JournalState& state);

struct ItemOutcome {
  std::string what;  // "holding 116 'AC Current Level to Stop' [0 5000]", "configuration ..."
  bool restored = false;
  bool tried = true;  // false: `stop` came first
  std::string how;
};

// Rolls back the device's open sequences, then restores its registers, appending each
// outcome's journal line through `record` (restored lines make a later restore skip them).
// `stop` is asked before each item: when true, the rest is reported untried.
std::vector<ItemOutcome> restore_device(RegisterAccess& device, const DeviceWork& work,
                                        const std::function<void(const std::string&)>& record,
                                        const std::function<bool()>& stop, std::int64_t now);

}  // namespace mbh::journal
