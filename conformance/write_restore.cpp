#include "conformance/write_restore.hpp"

#include <fmt/format.h>

#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "harness/journal/journal_file.hpp"
#include "harness/journal/register_restore.hpp"
#include "harness/journal/row_entry.hpp"
#include "models/known_state.hpp"

namespace mbh::conformance {
namespace {

// The journal's restore steps through the session: every request judged for framing and
// remembered in the known state like any other.
class SessionAccess final : public journal::RegisterAccess {
 public:
  explicit SessionAccess(Session& session) : session_(session) {}
  std::optional<std::vector<std::uint16_t>> read(models::Space space, std::uint16_t address,
                                                 std::uint16_t count) override {
    return session_.read(space, address, count);
  }
  bool write(std::uint16_t address, std::span<const std::uint16_t> words, bool multiple) override {
    const Probe p = session_.send(write_request(session_.map(), address, words, multiple));
    if (p.request && p.response) {
      models::remember(session_.map(), *p.request, *p.response, session_.state());
    }
    return p.accepted();
  }

 private:
  Session& session_;
};

void roll_back_open_sequence(Session& session) {
  if (!session.sequence_open()) return;
  SessionAccess access(session);
  const auto sequence = journal::sequence_of(session.map());
  const bool closed = sequence && journal::roll_back(access, *sequence);
  RunReport& report = session.report();
  const std::uint16_t commit = sequence ? sequence->commit : 0;
  if (closed) {
    report.sequence_note = fmt::format(
        "the configuration sequence the run had open was rolled back (0 to Configuration "
        "Commit, holding {}): nothing staged in it took effect",
        commit);
  } else {
    report.sequence_left_open = true;
    report.sequence_note = fmt::format(
        "the configuration sequence the run had open could not be closed: 0 to Configuration "
        "Commit (holding {}) was refused or not answered, and Configuration Progress (input "
        "{}) does not read 0",
        commit, sequence && sequence->progress ? *sequence->progress : 0);
  }
}

}  // namespace

bool restore_row(Session& session, const models::RegisterRow& row) {
  const auto entry = session.journal_entry_of(row);
  if (!entry) return true;
  // Stopped (interrupted, or the device went silent): restore_writes does it, through the
  // restore's own connection.
  if (session.stopped() && !session.restoring()) return false;
  SessionAccess access(session);
  auto outcome = journal::restore_register(access, *entry, journal::unix_now());
  if (!outcome.restored && session.restore_aborted()) {
    outcome.how = "the restore was cut short by a second signal before it was verified";
  }
  session.journal_restored(row, outcome.restored, outcome.how, outcome.wrote);
  return outcome.restored;
}

void restore_writes(Session& session) {
  if (!session.restore_aborted()) roll_back_open_sequence(session);
  for (const models::RegisterRow* row : session.rows_to_restore()) {
    if (session.restore_aborted()) {
      session.report().restore_interrupted = true;
      session.journal_restored(*row, false, "not restored: a second signal ended the restore",
                               false);
      continue;
    }
    restore_row(session, *row);
  }
  if (session.restore_aborted() && session.sequence_open()) {
    session.report().sequence_left_open = true;
    session.report().restore_interrupted = true;
  }
  session.journal_end();
}

}  // namespace mbh::conformance
