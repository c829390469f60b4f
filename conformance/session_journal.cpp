// Session's write journal: what goes to disk before a write is let out, and what the run
// knows it changed (RunReport::writes). See session.hpp.
#include <fmt/format.h>

#include <algorithm>
#include <variant>

#include "conformance/session.hpp"
#include "harness/journal/row_entry.hpp"
#include "models/known_state.hpp"
#include "models/map_catalog.hpp"

namespace mbh::conformance {
namespace {

struct WrittenRange {
  std::uint16_t first;
  std::uint32_t count;
};

// The holding registers a request may change, if it is a write.
std::optional<WrittenRange> written_range(const codec::Request& request) {
  if (const auto* one = std::get_if<codec::WriteSingleRegisterRequest>(&request)) {
    return WrittenRange{one->address, 1};
  }
  if (const auto* many = std::get_if<codec::WriteMultipleRegistersRequest>(&request)) {
    return WrittenRange{many->address, static_cast<std::uint32_t>(many->values.size())};
  }
  if (const auto* mask = std::get_if<codec::MaskWriteRegisterRequest>(&request)) {
    return WrittenRange{mask->address, 1};
  }
  if (const auto* both = std::get_if<codec::ReadWriteMultipleRegistersRequest>(&request)) {
    return WrittenRange{both->write_address, static_cast<std::uint32_t>(both->values.size())};
  }
  return std::nullopt;
}

// The rows of the map a write may change, in address order.
std::vector<const models::RegisterRow*> rows_written(const models::RegisterMap& map,
                                                     const WrittenRange& range) {
  std::vector<const models::RegisterRow*> rows;
  for (std::uint32_t a = range.first; a < range.first + range.count && a <= 0xFFFF; ++a) {
    const auto* row = models::row_at(map, models::Space::kHolding, static_cast<std::uint16_t>(a));
    if (row != nullptr && (rows.empty() || rows.back() != row)) rows.push_back(row);
  }
  return rows;
}

// The values a write carries for the whole of `row`, when it covers it.
std::optional<std::vector<std::uint16_t>> carried_for(const codec::Request& request,
                                                      const models::RegisterRow& row) {
  std::uint16_t first = 0;
  std::vector<std::uint16_t> values;
  if (const auto* one = std::get_if<codec::WriteSingleRegisterRequest>(&request)) {
    first = one->address;
    values = {one->value};
  } else if (const auto* many = std::get_if<codec::WriteMultipleRegistersRequest>(&request)) {
    first = many->address;
    values.assign(many->values.begin(), many->values.end());
  } else {
    return std::nullopt;
  }
  const std::size_t count = row.type.register_count();
  if (row.address < first || row.address + count > first + values.size()) return std::nullopt;
  const auto begin = values.begin() + (row.address - first);
  return std::vector<std::uint16_t>(begin, begin + static_cast<std::ptrdiff_t>(count));
}

// The single value a one-register write carries (Begin and Commit are such writes).
std::optional<std::uint16_t> single_value(const codec::Request& request, std::uint16_t address) {
  if (const auto* one = std::get_if<codec::WriteSingleRegisterRequest>(&request)) {
    if (one->address == address) return one->value;
  }
  if (const auto* many = std::get_if<codec::WriteMultipleRegistersRequest>(&request)) {
    if (many->address == address && many->values.size() == 1) return many->values[0];
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Session::append_journal(const std::string& line) {
  if (journal_file_ == nullptr) return std::nullopt;
  return journal_file_->append(line);
}

std::optional<std::string> Session::before_write(const codec::Request& request) {
  const auto range = written_range(request);
  if (!range) return std::nullopt;
  const auto sequence = journal::sequence_of(map());
  if (sequence && single_value(request, sequence->begin) == 1 && !sequence_open_) {
    if (auto error =
            append_journal(journal::sequence_open_line(options_.target, unit(), *sequence)))
      return error;
    sequence_open_ = true;
  }
  for (const models::RegisterRow* row : rows_written(map(), *range)) {
    // Begin and Commit are the sequence's: closing it is their restore.
    if (row->safety == models::SafetyClass::kCommand) continue;
    if (std::ranges::find(on_file_, row) != on_file_.end()) continue;
    auto known = originals_.find(row);
    if (known == originals_.end()) {
      // Not handed over by the suite (nor since the row was last restored): read it now.
      const auto count = static_cast<std::uint16_t>(row->type.register_count());
      auto now = read(row->space, row->address, count);
      if (!now) {
        return fmt::format(
            "the original of '{}' ({}) could not be read to journal it before a "
            "write",
            row->name, row->address);
      }
      known =
          originals_
              .insert_or_assign(row, Original{std::move(*now), journal::unix_now(), std::nullopt})
              .first;
    }
    known->second.carried = carried_for(request, *row);
    auto entry = journal::row_entry(map(), *row, options_.target, unit(), known->second.words,
                                    known->second.read_at);
    entry.written = known->second.carried;
    if (auto error = append_journal(journal::original_line(entry))) return error;
    on_file_.push_back(row);
  }
  return std::nullopt;
}

void Session::after_write(const codec::Request& request, const Probe& probe) {
  const auto range = written_range(request);
  if (!range || !probe.accepted()) return;
  if (const auto sequence = journal::sequence_of(map())) {
    if (const auto order = single_value(request, sequence->commit)) {
      if (sequence_open_) {
        append_journal(
            journal::sequence_closed_line(options_.target, unit(), *sequence, *order == 1));
      }
      sequence_open_ = false;
    }
  }
  for (const models::RegisterRow* row : rows_written(map(), *range)) {
    if (row->safety == models::SafetyClass::kCommand) continue;
    if (std::ranges::find(on_file_, row) == on_file_.end()) continue;
    WriteRecord& record = changed_entry(*row);
    record.restored = false;
    record.note.clear();
  }
}

WriteRecord* Session::journal_entry(const models::RegisterRow& row) {
  const auto it = journal_.find(&row);
  return it == journal_.end() ? nullptr : &report_.writes[it->second];
}

WriteRecord& Session::changed_entry(const models::RegisterRow& row) {
  if (WriteRecord* entry = journal_entry(row)) return *entry;
  journal_[&row] = report_.writes.size();
  const auto known = originals_.find(&row);
  report_.writes.push_back(
      WriteRecord{row.space,
                  row.address,
                  std::string(row.name),
                  known == originals_.end() ? std::vector<std::uint16_t>{} : known->second.words,
                  {},
                  false,
                  "",
                  {},
                  {}});
  return report_.writes.back();
}

void Session::journal_original(const models::RegisterRow& row,
                               std::vector<std::uint16_t> original) {
  // While a row is journalled and not back, its first original is the one to restore.
  if (std::ranges::find(on_file_, &row) != on_file_.end()) return;
  originals_.insert_or_assign(&row,
                              Original{std::move(original), journal::unix_now(), std::nullopt});
}

void Session::journal_written(const models::RegisterRow& row, std::vector<std::uint16_t> written) {
  if (std::ranges::find(on_file_, &row) == on_file_.end()) return;  // never let out
  WriteRecord& record = changed_entry(row);
  append_journal(journal::written_line(
      journal::RegisterKey{options_.target, unit(), row.space, row.address}, written));
  record.written = std::move(written);
  record.restored = false;
  record.note.clear();
}

void Session::journal_restored(const models::RegisterRow& row, bool restored, std::string note,
                               bool wrote) {
  const journal::RegisterKey key{options_.target, unit(), row.space, row.address};
  append_journal(restored ? journal::restored_line(key, note)
                          : journal::not_restored_line(key, note));
  WriteRecord* record = journal_entry(row);
  // A row whose write was refused and that reads its original needs no line in the report.
  if (record != nullptr || !restored || wrote) {
    if (record == nullptr) record = &changed_entry(row);
    record->restored = restored;
    record->note = std::move(note);
  }
  if (restored) {
    std::erase(on_file_, &row);
    originals_.erase(&row);  // a later write journals the value it finds then
  }
}

std::optional<journal::JournalRegister> Session::journal_entry_of(
    const models::RegisterRow& row) const {
  if (std::ranges::find(on_file_, &row) == on_file_.end()) return std::nullopt;  // nothing out
  const auto known = originals_.find(&row);
  if (known == originals_.end()) return std::nullopt;
  auto entry = journal::row_entry(map(), row, options_.target, unit(), known->second.words,
                                  known->second.read_at);
  entry.written = known->second.carried;
  if (const auto it = journal_.find(&row); it != journal_.end()) {
    const auto& written = report_.writes[it->second].written;
    if (!written.empty()) entry.written = written;
  }
  return entry;
}

std::vector<const models::RegisterRow*> Session::rows_to_restore() const {
  return on_file_;
}

void Session::journal_end() {
  if (journal_file_ != nullptr && journal_file_->opened()) append_journal(journal::end_line());
}

}  // namespace mbh::conformance
