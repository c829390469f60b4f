#include "conformance/write_restore.hpp"

#include <fmt/format.h>

#include "conformance/configuration_sequence.hpp"
#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "conformance/value_choice.hpp"
#include "models/known_state.hpp"

namespace mbh::conformance {
namespace {

std::string words_text(const std::vector<std::uint16_t>& words) {
  std::string text;
  for (const auto w : words)
    text += fmt::format("{}0x{:04X}", text.empty() ? "" : " ", w);
  return "[" + text + "]";
}

bool write_original(Session& session, const models::RegisterRow& row,
                    const std::vector<std::uint16_t>& original) {
  if (models::is_configuration_register(session.map(), row.address)) {
    return write_configured(session, row, original, true, false, "restore").accepted;
  }
  const Probe p = session.send(write_request(row.address, original, original.size() > 1));
  if (p.request && p.response) {
    models::remember(session.map(), *p.request, *p.response, session.state());
  }
  return p.accepted();
}

}  // namespace

bool restore_row(Session& session, const models::RegisterRow& row) {
  const auto original = session.original_of(row);
  if (!original) return true;
  if (row.safety == models::SafetyClass::kClock) {
    // The readback check puts the clock back on its own timeline; its old time has passed.
    return false;
  }
  if (is_command_register(row)) {
    session.journal_restored(row, true, "a command, not a stored value: nothing to restore");
    return true;
  }
  const auto count = static_cast<std::uint16_t>(row.type.register_count());
  if (session.read(row.space, row.address, count) == *original) {
    // The write did not take (or was undone): nothing to put back.
    session.journal_restored(row, true, "held its original value again without a restoring write");
    return true;
  }
  std::string why;
  for (int attempt = 0; attempt < 2; ++attempt) {  // once more, for a device that blinked
    if (!write_original(session, row, *original)) {
      why = "the device refused or did not answer the restoring write";
      continue;
    }
    const auto now = session.read(row.space, row.address, count);
    if (!now) {
      why = "the restored value could not be read back";
      continue;
    }
    // A read-only register that took a write may hold a live value that moves on by itself:
    // restored once it no longer holds what the run wrote.
    const auto written = session.written_of(row);
    const bool live = row.access == models::Access::kRead && written && *now != *written;
    if (*now == *original || live) {
      session.journal_restored(row, true, attempt == 0 ? "" : "restored at the second attempt");
      return true;
    }
    why = fmt::format("reads {} after restoring {}", words_text(*now), words_text(*original));
  }
  session.journal_restored(row, false, why);
  return false;
}

void restore_writes(Session& session) {
  for (const models::RegisterRow* row : session.unrestored_rows()) {
    restore_row(session, *row);
  }
}

}  // namespace mbh::conformance
