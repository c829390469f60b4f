#pragma once
// The write journal of `mbharness send` (INTERFACE.md "Write journal and restore"). Send has no
// map, so it works from the PDUs: one whose function code writes holding registers (06, 16, 22,
// 23) has the original of every register it writes read (FC 03, same client and unit) and
// appended to the journal, on disk, before it goes out. `--restore`, and an interrupt, put
// them back afterwards through the journal library's restore, each outcome journalled too.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness/client/modbus_client.hpp"
#include "harness/codec/result.hpp"
#include "harness/journal/journal_file.hpp"
#include "harness/journal/journal_record.hpp"

namespace mbh::cli {

// The holding registers [address, address + count) a request PDU writes, or may write.
struct PduWrite {
  std::uint8_t function = 0;  // 0x06, 0x10, 0x16 or 0x17
  std::uint16_t address = 0;
  std::uint16_t count = 1;  // 1.., and address + count <= 65536
  // What it writes, one word a register; empty when it depends on the register (FC 22) or the
  // PDU is malformed.
  std::vector<std::uint16_t> values;
  std::optional<std::uint16_t> and_mask;  // FC 22
  std::optional<std::uint16_t> or_mask;   // FC 22
  bool well_formed = true;                // false: read from the bytes of a PDU the codec refuses

  std::uint16_t last() const { return static_cast<std::uint16_t>(address + count - 1U); }
};

// What `pdu` writes: a PDU decode_request() reads as FC 06, 16, 22 or 23, and also a malformed
// one with one of those function codes whose address is there (a lenient device may take it;
// its range is then the one its fields name, at most a FC 16's 123 registers).
std::optional<PduWrite> write_of(std::span<const std::byte> pdu);

// "holding 80", "holding 80..82".
std::string write_text(const PduWrite& write);

// One restore outcome, as printed: "holding 80 [5]: restored: written back and read back".
struct SendRestoreItem {
  std::uint16_t address = 0;
  std::vector<std::uint16_t> original;
  bool restored = false;
  std::string how;
};

class SendJournal {
 public:
  // `path` empty: a new mbharness-journal-*.jsonl in the current directory.
  SendJournal(std::string path, journal::JournalHeader header, std::string target_text,
              std::uint8_t unit, std::ostream& err);

  // Before anything is sent: whether --journal can be written (its folder exists and is
  // writable; an existing file must be a journal). Values an earlier run left in it for this
  // device count as journalled: their originals are the ones to put back. The error sentence.
  std::optional<std::string> load();

  enum class Prepared : std::uint8_t {
    kReady,          // every register `write` reaches is journalled, or said to be unreadable
    kStopped,        // the interrupt came while reading an original: send nothing
    kJournalFailed,  // a line could not be written (journal_error() says why): send nothing
  };
  // Reads and journals the originals of the registers `write` reaches that are not journalled
  // yet, on `client` (the one the PDU goes out on).
  Prepared prepare(client::ModbusClient& client, const PduWrite& write);

  // After `write` went out and was answered normally: its value, journalled ("written").
  void written(const PduWrite& write);

  // Puts back every register this run wrote (in the order of their first write) on a fresh
  // client, waits ended by `abort`, the restore stopped when it is raised, its traffic told to
  // `tap` when given. Appends each outcome and the run's end.
  std::vector<SendRestoreItem> restore(const client::TargetAddress& target,
                                       std::chrono::milliseconds timeout,
                                       const std::atomic<bool>* abort,
                                       client::FrameTap* tap = nullptr);

  // Appends the run's end when the journal was opened (restore() does it itself).
  void end();

  std::size_t journalled() const { return touched_.size(); }  // registers this run wrote
  const std::string& path() const { return writer_.path(); }
  bool opened() const { return writer_.opened(); }
  const std::string& journal_error() const { return journal_error_; }

 private:
  bool covered(const std::vector<journal::JournalRegister>& entries, std::uint16_t address) const;
  journal::JournalRegister entry_for(std::uint16_t address, std::uint16_t original,
                                     const PduWrite& write) const;

  journal::JournalWriter writer_;
  std::string target_text_;
  std::uint8_t unit_;
  std::ostream& err_;
  std::vector<journal::JournalRegister> earlier_;  // pending in the file for this device
  std::vector<journal::JournalRegister> touched_;  // what this run wrote, journalled
  std::string journal_error_;
  bool ended_ = false;
};

}  // namespace mbh::cli
