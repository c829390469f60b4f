#include "harness/netfuzz/fuzz_journal.hpp"

#include <fmt/format.h>

#include <ostream>

#include "harness/journal/client_register_access.hpp"
#include "harness/journal/register_restore.hpp"
#include "harness/journal/row_entry.hpp"

namespace mbh::netfuzz {
namespace {

// Connections that fail one after the other before the restore gives the rest up as not
// reached (each costs up to the restore's timeout): `mbharness restore` finishes later.
constexpr int kConnectTries = 2;

}  // namespace

FuzzJournal::FuzzJournal(const models::RegisterMap& map, std::uint8_t unit,
                         journal::JournalHeader header, std::string path, std::ostream& progress)
    : map_(map),
      unit_(unit),
      target_(header.target),
      writer_(std::move(path), std::move(header)),
      progress_(progress) {
  writer_.on_open([this](const std::string& opened) {
    progress_ << fmt::format(
        "mbharness fuzz: write journal {} (if this run is killed, `mbharness restore {}` puts "
        "back what it wrote)\n",
        opened, opened);
    progress_.flush();
  });
}

void FuzzJournal::note(std::string why) {
  if (!error_.empty()) return;
  progress_ << fmt::format("mbharness fuzz: {}; writes that need it are not sent\n", why);
  progress_.flush();
  error_ = std::move(why);
}

FuzzJournal::Prepared FuzzJournal::prepare(client::ModbusClient& client,
                                           std::span<const models::RegisterRow* const> rows) {
  journal::ClientRegisterAccess access(client, unit_);
  for (const models::RegisterRow* row : rows) {
    if (by_address_.contains(row->address)) continue;
    const auto count = static_cast<std::uint16_t>(row->type.register_count());
    const auto value = access.read(row->space, row->address, count);
    if (!value) {
      const auto* interrupt = client.options().interrupt;
      if (interrupt != nullptr && interrupt->load()) return Prepared::kInterrupted;
      // Not a journal failure: the device may be down for a moment, or refuse the read.
      return Prepared::kReadFailed;
    }
    journal::JournalRegister entry =
        journal::row_entry(map_, *row, target_, unit_, *value, journal::unix_now());
    if (auto failed = writer_.append(journal::original_line(entry))) {
      note(*failed);
      return Prepared::kJournalFailed;
    }
    by_address_.emplace(row->address, entries_.size());
    entries_.push_back(std::move(entry));
  }
  return Prepared::kReady;
}

std::vector<WrittenRegister> FuzzJournal::restore_all(const client::TargetAddress& target,
                                                      std::chrono::milliseconds timeout,
                                                      double rate, const std::atomic<bool>* abort,
                                                      client::FrameTap* tap) {
  std::vector<WrittenRegister> out;
  if (entries_.empty()) return out;
  // Not the run's interrupt flag: the run was perhaps interrupted, and must still put
  // everything back. Only a second signal ends the restore.
  client::ModbusClient client(target, {.connect_timeout = timeout,
                                       .response_timeout = timeout,
                                       .rate = rate,
                                       .interrupt = abort,
                                       .tap = tap});
  journal::ClientRegisterAccess access(client, unit_);
  int failed_connects = 0;
  std::string unreachable_why;
  for (const auto& entry : entries_) {
    WrittenRegister written{entry, false, {}};
    if (abort != nullptr && abort->load()) {
      written.how = "not tried: a second signal ended the restore";
    } else if (failed_connects >= kConnectTries) {
      written.how = "not tried: " + unreachable_why;
    } else {
      auto outcome = journal::restore_register(access, entry, journal::unix_now());
      if (!outcome.restored && access.unreachable()) {
        // The connection was lost (or the device blinked): reconnect and try once more.
        client.disconnect();
        const auto connected = client.connect();
        if (connected) {
          failed_connects = 0;
          outcome = journal::restore_register(access, entry, journal::unix_now());
        } else {
          ++failed_connects;
          unreachable_why = "the device could not be reached: " + connected.error();
          outcome.how = unreachable_why;
        }
      }
      written.restored = outcome.restored;
      written.how = outcome.how;
    }
    const auto line = written.restored ? journal::restored_line(entry.key, written.how)
                                       : journal::not_restored_line(entry.key, written.how);
    // A line that cannot be written leaves the register pending in the journal: `mbharness
    // restore` finds it back already and says so. Nothing is lost.
    if (auto failed = writer_.append(line)) note(*failed);
    out.push_back(std::move(written));
  }
  if (auto failed = writer_.append(journal::end_line())) note(*failed);
  return out;
}

}  // namespace mbh::netfuzz
