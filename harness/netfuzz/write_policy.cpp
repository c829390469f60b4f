#include "harness/netfuzz/write_policy.hpp"

#include <algorithm>
#include <iterator>

#include "models/known_state.hpp"

namespace mbh::netfuzz {

bool class_allowed(models::SafetyClass safety, const WriteFlags& flags) {
  using S = models::SafetyClass;
  switch (safety) {
    case S::kSetting:
      return true;
    case S::kActuating:
    case S::kClock:
      return flags.allow_actuation;
    case S::kDestructive:
    case S::kConnectivity:
      return flags.allow_destructive;
    case S::kReadOnly:
    case S::kCommand:
      return false;
  }
  return false;
}

bool row_allowed(const models::RegisterMap& map, const models::RegisterRow& row,
                 const WriteFlags& flags) {
  return row.space == models::Space::kHolding && row.access == models::Access::kReadWrite &&
         class_allowed(row.safety, flags) && !models::is_configuration_register(map, row.address);
}

std::string_view refusal_text(Refusal refusal) {
  switch (refusal) {
    case Refusal::kNone:
      return "allowed";
    case Refusal::kWriteNotAllowed:
      return "a valid write without --allow-writes";
    case Refusal::kOtherUnit:
      return "a valid write to another unit";
    case Refusal::kCoils:
      return "a valid coil write";
    case Refusal::kRowNotAllowed:
      return "a valid write to a register the --allow-* flags do not allow";
    case Refusal::kDestructiveDiagnostic:
      return "FC 08 sub-function 0x0001 or 0x0004 without --allow-destructive";
  }
  return "refused";
}

WritePolicy::WritePolicy(const models::RegisterMap& map, std::uint8_t unit, WriteFlags flags)
    : unit_(unit), flags_(flags) {
  if (!flags_.allow_writes) return;
  for (const auto& row : map.rows) {
    if (row_allowed(map, row, flags_)) rows_.push_back(&row);
  }
  std::ranges::sort(rows_, {}, &models::RegisterRow::address);
}

const models::RegisterRow* WritePolicy::row_at(std::uint32_t address) const {
  // The last row starting at or before `address`, if it reaches that far.
  auto after = std::ranges::upper_bound(rows_, address, {}, [](const models::RegisterRow* row) {
    return std::uint32_t{row->address};
  });
  if (after == rows_.begin()) return nullptr;
  const models::RegisterRow* row = *std::prev(after);
  return address < row->address + row->type.register_count() ? row : nullptr;
}

Refusal WritePolicy::check(const StreamShape& shape) const {
  if (shape.destructive_diagnostic && !flags_.allow_destructive) {
    return Refusal::kDestructiveDiagnostic;
  }
  if (shape.file_record_write) {
    return flags_.allow_writes ? Refusal::kRowNotAllowed : Refusal::kWriteNotAllowed;
  }
  for (const auto& write : shape.writes) {
    if (!flags_.allow_writes) return Refusal::kWriteNotAllowed;
    if (write.unit != unit_) return Refusal::kOtherUnit;
    if (write.coils) return Refusal::kCoils;
    for (std::uint32_t address = write.first; address < write.first + write.count; ++address) {
      if (row_at(address) == nullptr) return Refusal::kRowNotAllowed;
    }
  }
  return Refusal::kNone;
}

std::vector<const models::RegisterRow*> WritePolicy::touched(const StreamShape& shape) const {
  std::vector<const models::RegisterRow*> rows;
  for (const auto& write : shape.writes) {
    for (std::uint32_t address = write.first; address < write.first + write.count; ++address) {
      const auto* row = row_at(address);
      if (row != nullptr && std::ranges::find(rows, row) == rows.end()) rows.push_back(row);
    }
  }
  std::ranges::sort(rows, {}, &models::RegisterRow::address);
  return rows;
}

}  // namespace mbh::netfuzz
