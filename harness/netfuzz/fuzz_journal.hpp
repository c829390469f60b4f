#pragma once
// The write journal of `fuzz --allow-writes` (INTERFACE.md "Write journal and restore"):
// before a send whose valid writes reach a map row not yet journalled, the row's value is read
// (a valid read, not a fuzz frame) and appended to the journal, flushed to disk; only then may
// the send go. At the end of the run, whatever ended it, every journalled register is put back
// through journal::restore_register on a client of its own (no interrupt flag, a short
// timeout, reconnecting when the connection was lost), and the journal says which came back.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness/client/modbus_client.hpp"
#include "harness/journal/journal_file.hpp"
#include "harness/journal/journal_record.hpp"
#include "models/register_map.hpp"

namespace mbh::netfuzz {

// One register the run wrote (or was about to: journalled before its first write).
struct WrittenRegister {
  journal::JournalRegister entry;  // name, address, safety class, original value
  bool restored = false;
  std::string how;  // how it came back, or why it did not: one sentence
};

class FuzzJournal {
 public:
  // `path` empty: a new mbharness-journal-... file in the current directory. Its path goes to
  // `progress` when the file is opened, before the first write.
  FuzzJournal(const models::RegisterMap& map, std::uint8_t unit, journal::JournalHeader header,
              std::string path, std::ostream& progress);

  enum class Prepared : std::uint8_t {
    kReady,          // every row is journalled: the send may go
    kReadFailed,     // a row's value could not be read: do not send
    kJournalFailed,  // the journal could not be written: do not send
    kInterrupted,    // the read was interrupted: do not send, end the run
  };
  // Journals each of `rows` not journalled yet, reading it through `client` (the fuzz client).
  Prepared prepare(client::ModbusClient& client, std::span<const models::RegisterRow* const> rows);

  // Puts back every journalled register through a client of its own and closes the journal
  // with its end record. What came back, in the order they were journalled.
  // `abort` (may be null): a second signal, which ends the restore; the rest stays journalled.
  // `tap` (may be null): told of the restore's traffic.
  std::vector<WrittenRegister> restore_all(const client::TargetAddress& target,
                                           std::chrono::milliseconds timeout, double rate,
                                           const std::atomic<bool>* abort = nullptr,
                                           client::FrameTap* tap = nullptr);

  bool opened() const { return writer_.opened(); }
  const std::string& path() const { return writer_.path(); }
  // The first failure to read a row or write the journal, one sentence (empty: none).
  const std::string& error() const { return error_; }

 private:
  void note(std::string why);

  const models::RegisterMap& map_;
  std::uint8_t unit_;
  std::string target_;
  journal::JournalWriter writer_;
  std::ostream& progress_;
  std::vector<journal::JournalRegister> entries_;  // in the order they were journalled
  std::map<std::uint16_t, std::size_t> by_address_;
  std::string error_;
};

}  // namespace mbh::netfuzz
