#pragma once
// The write journal (INTERFACE.md "Write journal and restore"): one JSON object a line, each
// appended and flushed to disk before the write it announces, so that a run ended by anything
// (SIGKILL, a crash of the machine) leaves what `mbharness restore` needs to put the device
// back. Pure: records to lines and lines back to what is still to restore.
//
// Version 1, one object a line:
//   {"journal":"mbharness write journal","version":1,...}   a run's header: tool version,
//        command, map, target, unit, started; a file may hold several runs, one after another
//   {"event":"original",...}         before the first write of a register: its key, its value
//        then, the value the write carries, and how to write it back (FC 06 or 16, through a
//        configuration sequence, a command register's no-command value, the clock)
//   {"event":"written",...}          after a write was accepted: the value it wrote
//   {"event":"restored",...}         the original is back, read and compared
//   {"event":"not_restored",...}     a restore that failed (the register stays to restore)
//   {"event":"sequence_open",...}    before Configuration Begin is written
//   {"event":"sequence_closed",...}  after Commit (1) or roll back (0) was accepted
//   {"event":"end"}                  the run finished
// A line counts only once its newline is there: the last line of a file cut short (the
// machine died while writing it) is ignored, and it is never about a write that was sent,
// since a write waits for its line to be on disk.
#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "harness/codec/result.hpp"
#include "models/register_map.hpp"

namespace mbh::journal {

inline constexpr int kJournalVersion = 1;
inline constexpr std::string_view kJournalMagic = "mbharness write journal";

// Which register of which device.
struct RegisterKey {
  std::string target;  // "127.0.0.1:5020"
  std::uint8_t unit = 0;
  models::Space space = models::Space::kHolding;
  std::uint16_t address = 0;
  auto operator<=>(const RegisterKey&) const = default;
};

// Enapter's configuration sequence: 1 to `begin`, the writes, 1 to `commit` (0 rolls back);
// the input register `progress`, where there is one, reads 1 while a sequence is open.
struct Sequence {
  std::uint16_t begin = 0;
  std::uint16_t commit = 0;
  std::optional<std::uint16_t> progress;
  auto operator<=>(const Sequence&) const = default;
};

enum class RestoreKind : std::uint8_t {
  kValue,    // write the original back (FC 06 / 16, or through the sequence), read it back
  kCommand,  // an order, never written back: its no-command value where it has one (RULES.md)
  kClock,    // the original moved on by the time that passed since it was read
};

struct JournalRegister {
  RegisterKey key;
  std::string name;    // the document's
  std::string safety;  // RULES.md's class: "setting", "actuating", ...
  std::uint16_t registers = 1;
  std::vector<std::uint16_t> original;
  // The value the write about to be sent carries for the whole row (when it covers it), then
  // the last value a write put there.
  std::optional<std::vector<std::uint16_t>> written;
  bool multiple = false;   // written with FC 16, else FC 06
  bool read_only = false;  // a read-only register that took a write (its value may move)
  RestoreKind kind = RestoreKind::kValue;
  std::optional<std::uint16_t> no_command;  // kCommand: the value that orders nothing
  std::optional<Sequence> sequence;         // written through the configuration sequence
  std::int64_t read_at = 0;                 // Unix seconds when `original` was read
  bool operator==(const JournalRegister&) const = default;
};

struct JournalHeader {
  std::string tool_version;
  std::string command;  // "conform", "fuzz", "send", "restore"
  std::string map;
  std::string target;
  std::uint8_t unit = 0;
  std::string started;  // UTC, ISO 8601
  bool operator==(const JournalHeader&) const = default;
};

struct OpenSequence {
  std::string target;
  std::uint8_t unit = 0;
  Sequence sequence;
};

// What a journal holds: its runs, and what none of them saw back.
struct JournalState {
  std::vector<JournalHeader> runs;
  std::vector<JournalRegister> pending;  // not restored, in the order of their first write
  std::vector<OpenSequence> open_sequences;
  std::size_t registers_journalled = 0;  // "original" lines
  std::size_t damaged_lines = 0;         // complete lines that were not a record: skipped
  bool last_line_cut = false;            // the file ends inside a line: ignored
  bool ended = false;                    // the last run wrote its "end"
};

// The journal's text, or why it is not a journal (the first line must be a header).
Result<JournalState, std::string> read_journal(std::string_view text);

// Each line with its newline.
std::string header_line(const JournalHeader& header);
std::string original_line(const JournalRegister& entry);
std::string written_line(const RegisterKey& key, std::span<const std::uint16_t> value);
std::string restored_line(const RegisterKey& key, std::string_view how);
std::string not_restored_line(const RegisterKey& key, std::string_view why);
std::string sequence_open_line(const std::string& target, std::uint8_t unit, Sequence sequence);
std::string sequence_closed_line(const std::string& target, std::uint8_t unit, Sequence sequence,
                                 bool committed);
std::string end_line();

// "holding 40068 'Modbus Slave Address'"
std::string register_text(const JournalRegister& entry);

}  // namespace mbh::journal
