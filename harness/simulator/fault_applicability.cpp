#include "harness/simulator/fault_applicability.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "harness/simulator/fault_names.hpp"
#include "harness/simulator/value_faults.hpp"
#include "models/map_catalog.hpp"

namespace mbh::simulator {
namespace {

namespace names = fault_names;
using codec::ValueKind;
using models::RegisterMap;
using models::RegisterRow;

bool any_row(const RegisterMap& map, auto&& predicate) {
  return std::ranges::any_of(map.rows, predicate);
}

bool splits_as_32(const RegisterRow& row) {
  return row.type.kind == ValueKind::kUint32 || row.type.kind == ValueKind::kSint32;
}

bool splits_as_other(const RegisterRow& row) {
  return row.type.register_count() > 1 && !splits_as_32(row);
}

bool has_touching_blocks(const RegisterMap& map) {
  for (const models::Block& a : map.blocks) {
    for (const models::Block& b : map.blocks) {
      if (a.space == b.space && std::uint32_t{a.last} + 1 == b.first) return true;
    }
  }
  return false;
}

// What a fault needs in a map, and whether the map has it; nothing for faults every map has
// something for (transport faults, MBAP, quantity, function, unit, valid reads, gaps).
struct Need {
  std::string_view what;
  bool (*has)(const RegisterMap&);
};

std::optional<Need> need_of(std::string_view fault) {
  if (fault == names::kPartial32Data) {
    return Need{"a uint32 or sint32 row",
                [](const RegisterMap& m) { return any_row(m, splits_as_32); }};
  }
  if (fault == names::kPartialOther04) {
    return Need{"a string, uint64, uint128, float32 or event array row",
                [](const RegisterMap& m) { return any_row(m, splits_as_other); }};
  }
  if (fault == names::kBoundary04) {
    return Need{"two blocks that meet without a gap", has_touching_blocks};
  }
  if (fault == names::kWriteNotStored) {
    return Need{"a writable register", [](const RegisterMap& m) {
                  return any_row(m, [](const RegisterRow& r) {
                    return r.access == models::Access::kReadWrite;
                  });
                }};
  }
  if (fault == names::kReadonlyWriteStored) {
    return Need{"a read-only holding register", [](const RegisterMap& m) {
                  return any_row(m, [](const RegisterRow& r) {
                    return r.space == models::Space::kHolding && r.access == models::Access::kRead;
                  });
                }};
  }
  if (fault == names::kConfigCommitRefused || fault == names::kConfigOutsideApplies) {
    return Need{"a configuration sequence",
                [](const RegisterMap& m) { return m.configuration.has_value(); }};
  }
  return std::nullopt;
}

// The value faults' needs, in the words of their descriptions.
std::string_view value_fault_need(std::string_view fault) {
  if (fault == names::kEnumOutOfRange) return "a read-only enumerated register";
  if (fault == names::kUndefinedBit) return "a bitmap register with an undefined bit";
  if (fault == names::kUnknownEventCode) return "an event array";
  if (fault == names::kSunSpecMarkerWrong) return "a SunSpec structure with its \"SunS\" marker";
  if (fault == names::kSunSpecLengthWrong) return "a SunSpec Common Base Model Length";
  if (fault == names::kDeviceModelWrong) return "a fixed value outside a SunSpec structure";
  if (fault == names::kPercentOver100) return "a read-only register in percent";
  return "";
}

std::string ids_of(std::span<const RegisterMap* const> maps) {
  std::string ids;
  for (const RegisterMap* map : maps)
    ids += (ids.empty() ? "" : ", ") + std::string(map->id);
  return ids;
}

}  // namespace

std::optional<std::string> why_fault_does_not_apply(
    const FaultInfo& fault, std::span<const models::RegisterMap* const> maps) {
  if (fault.rule && std::ranges::none_of(maps, [&](const RegisterMap* map) {
        return models::level_of(*map, *fault.rule).has_value();
      })) {
    return fmt::format("fault '{}' breaks {}, which {} {} not check: it would change nothing",
                       fault.name, models::rule_name(*fault.rule), ids_of(maps),
                       maps.size() == 1 ? "does" : "do");
  }
  std::string_view what;
  bool applies = true;
  if (const std::string_view value_need = value_fault_need(fault.name); !value_need.empty()) {
    what = value_need;
    applies = std::ranges::any_of(maps, [&](const RegisterMap* map) {
      return any_row(*map, [&](const RegisterRow& row) {
        return faulty_value(fault.name, *map, row).has_value();
      });
    });
  } else if (const auto need = need_of(fault.name)) {
    what = need->what;
    applies = std::ranges::any_of(maps, [&](const RegisterMap* map) { return need->has(*map); });
  }
  if (applies) return std::nullopt;
  return fmt::format("fault '{}' needs {}, and {} {} none: it would change nothing", fault.name,
                     what, ids_of(maps), maps.size() == 1 ? "has" : "have");
}

}  // namespace mbh::simulator
