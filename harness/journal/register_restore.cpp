#include "harness/journal/register_restore.hpp"

#include <fmt/format.h>

namespace mbh::journal {
namespace {

constexpr std::int64_t kClockTolerance = 2;  // RULES.md: the clock compared within 2 s

std::string words_text(std::span<const std::uint16_t> words) {
  std::string text;
  for (const auto w : words)
    text += fmt::format("{}{}", text.empty() ? "" : " ", w);
  return "[" + text + "]";
}

// FC 06 for one register unless FC 16 was the way it was written.
bool write_value(RegisterAccess& device, const JournalRegister& entry,
                 std::span<const std::uint16_t> value) {
  const bool multiple = entry.multiple || value.size() > 1;
  if (!entry.sequence) return device.write(entry.key.address, value, multiple);
  const std::uint16_t one[] = {1};
  if (!device.write(entry.sequence->begin, one, false)) return false;
  const bool written = device.write(entry.key.address, value, multiple);
  // Committed only when the write took; otherwise rolled back, never left open.
  const std::uint16_t order[] = {static_cast<std::uint16_t>(written ? 1 : 0)};
  const bool closed = device.write(entry.sequence->commit, order, false);
  return written && closed;
}

std::uint64_t as_uint64(std::span<const std::uint16_t> words) {
  std::uint64_t value = 0;
  for (const auto w : words)
    value = (value << 16) | w;
  return value;
}

std::vector<std::uint16_t> words_of(std::uint64_t value, std::size_t count) {
  std::vector<std::uint16_t> words(count);
  for (std::size_t i = count; i-- > 0;) {
    words[i] = static_cast<std::uint16_t>(value & 0xFFFF);
    value >>= 16;
  }
  return words;
}

RestoreOutcome restore_command(RegisterAccess& device, const JournalRegister& entry) {
  if (!entry.no_command) {
    return {true, false,
            "a command register: its order is not undone and it has no no-command value to "
            "put back"};
  }
  const std::uint16_t none[] = {*entry.no_command};
  const auto now = device.read(entry.key.space, entry.key.address, 1);
  if (now && (*now)[0] == none[0]) {
    return {true, false, fmt::format("a command register: reads its no-command value {}", none[0])};
  }
  if (!write_value(device, entry, none)) {
    return {false, true, "a command register: its no-command value was refused or not answered"};
  }
  const auto after = device.read(entry.key.space, entry.key.address, 1);
  if (after && (*after)[0] == none[0]) {
    return {true, true,
            fmt::format("a command register: written its no-command value {} (it read {})", none[0],
                        now ? words_text(*now) : "nothing")};
  }
  return {false, true,
          fmt::format("a command register: reads {} after writing its no-command value {}",
                      after ? words_text(*after) : "nothing", none[0])};
}

RestoreOutcome restore_clock(RegisterAccess& device, const JournalRegister& entry,
                             std::int64_t now) {
  const auto passed = static_cast<std::uint64_t>(std::max<std::int64_t>(0, now - entry.read_at));
  const std::uint64_t due = as_uint64(entry.original) + passed;
  const auto value = words_of(due, entry.original.size());
  if (!write_value(device, entry, value)) {
    return {false, true, "the clock's restoring write was refused or not answered: set it by hand"};
  }
  const auto after = device.read(entry.key.space, entry.key.address, entry.registers);
  if (!after) return {false, true, "the clock could not be read back: check it by hand"};
  const std::uint64_t reads = as_uint64(*after);
  const std::uint64_t off = reads > due ? reads - due : due - reads;
  if (off <= kClockTolerance) {
    return {true, true, fmt::format("set to its original time moved on by {} s", passed)};
  }
  return {false, true,
          fmt::format("the clock reads {} s off after restoring: set it by hand", off)};
}

}  // namespace

RestoreOutcome restore_register(RegisterAccess& device, const JournalRegister& entry,
                                std::int64_t now) {
  if (entry.kind == RestoreKind::kCommand) return restore_command(device, entry);
  if (entry.kind == RestoreKind::kClock) return restore_clock(device, entry, now);
  const auto before = device.read(entry.key.space, entry.key.address, entry.registers);
  if (before && *before == entry.original) {
    return {true, false, "held its original value: nothing to write"};
  }
  // A read-only register's live value moves on by itself: it is back unless it holds what was
  // written to it (a write it should have refused).
  if (before && entry.read_only && entry.written && *before != *entry.written) {
    return {true, false, "does not hold the value written to it (a live value, moved on)"};
  }
  std::string why = before ? "" : "its value could not be read";
  for (int attempt = 0; attempt < 2; ++attempt) {  // once more, for a device that blinked
    if (!write_value(device, entry, entry.original)) {
      why = "the device refused or did not answer the restoring write";
      continue;
    }
    const auto after = device.read(entry.key.space, entry.key.address, entry.registers);
    if (!after) {
      why = "the restored value could not be read back";
      continue;
    }
    // A read-only register that took a write may hold a live value that moves on by itself:
    // restored once it no longer holds what was written.
    const bool moved_on = entry.read_only && entry.written && *after != *entry.written;
    if (*after == entry.original || moved_on) {
      std::string how = entry.sequence ? "written back through the configuration sequence"
                                       : "written back and read back";
      if (attempt > 0) how += ", at the second attempt";
      return {true, true, how};
    }
    why =
        fmt::format("reads {} after restoring {}", words_text(*after), words_text(entry.original));
  }
  return {false, true, why};
}

bool roll_back(RegisterAccess& device, Sequence sequence) {
  const std::uint16_t zero[] = {0};
  const bool accepted = device.write(sequence.commit, zero, false);
  if (!sequence.progress) return accepted;
  // The device says whether a sequence is still open, whatever it answered to the roll back.
  const auto progress = device.read(models::Space::kInput, *sequence.progress, 1);
  return progress && (*progress)[0] == 0;
}

std::vector<DeviceWork> work_of(const JournalState& state) {
  std::vector<DeviceWork> work;
  auto device = [&](const std::string& target, std::uint8_t unit) -> DeviceWork& {
    for (auto& w : work) {
      if (w.target == target && w.unit == unit) return w;
    }
    work.push_back(DeviceWork{target, unit, {}, {}});
    return work.back();
  };
  for (const auto& open : state.open_sequences)
    device(open.target, open.unit).open_sequences.push_back(open.sequence);
  for (const auto& entry : state.pending)
    device(entry.key.target, entry.key.unit).registers.push_back(&entry);
  return work;
}

std::vector<ItemOutcome> restore_device(RegisterAccess& device, const DeviceWork& work,
                                        const std::function<void(const std::string&)>& record,
                                        const std::function<bool()>& stop, std::int64_t now) {
  std::vector<ItemOutcome> outcomes;
  for (const Sequence& sequence : work.open_sequences) {
    ItemOutcome item{fmt::format("configuration sequence left open (Begin {}, Commit {})",
                                 sequence.begin, sequence.commit),
                     false, !stop(), ""};
    if (item.tried) {
      item.restored = roll_back(device, sequence);
      item.how = item.restored ? "rolled back (0 to Commit)"
                               : "the roll back (0 to Commit) was refused or not answered";
      if (item.restored) record(sequence_closed_line(work.target, work.unit, sequence, false));
    }
    outcomes.push_back(std::move(item));
  }
  for (const JournalRegister* entry : work.registers) {
    ItemOutcome item{fmt::format("{} {}", register_text(*entry), words_text(entry->original)),
                     false, !stop(), ""};
    if (item.tried) {
      const RestoreOutcome outcome = restore_register(device, *entry, now);
      item.restored = outcome.restored;
      item.how = outcome.how;
      record(outcome.restored ? restored_line(entry->key, outcome.how)
                              : not_restored_line(entry->key, outcome.how));
    } else {
      item.how = "not tried: interrupted";
    }
    outcomes.push_back(std::move(item));
  }
  return outcomes;
}

}  // namespace mbh::journal
