#include "models/rule_table.hpp"

#include <array>

namespace mbh::models {
namespace {

struct RuleText {
  RuleId rule;
  std::string_view name;
  std::string_view summary;
};

constexpr std::array<RuleText, kRuleCount> kRuleTexts{{
    {RuleId::kValidRead, "R-VALID-READ",
     "a read of existing readable registers within one block, not splitting a value, quantity "
     "1..125, returns exactly the registers asked for"},
    {RuleId::kPartial32, "R-PARTIAL-32",
     "a read or write that starts or ends inside a uint32/sint32 gets exception 02"},
    {RuleId::kPartialOther, "R-PARTIAL-OTHER",
     "the same inside a string, uint64, uint128, float32 or event array"},
    {RuleId::kGap, "R-GAP", "a range that touches an address no row defines gets exception 02"},
    {RuleId::kBoundary, "R-BOUNDARY",
     "a range that crosses a block boundary without touching a gap gets exception 02"},
    {RuleId::kQuantity, "R-QUANTITY",
     "a bad quantity or byte count gets exception 03, checked before the address"},
    {RuleId::kFunction, "R-FUNCTION",
     "a function code the device does not implement gets exception 01"},
    {RuleId::kMbap, "R-MBAP",
     "the response echoes transaction id, protocol id 0 and unit id, its length matches its "
     "bytes, an exception carries function code + 0x80"},
    {RuleId::kUnit, "R-UNIT", "a request to a unit id the device does not serve"},
    {RuleId::kEnum, "R-ENUM", "an enumerated register holds one of its listed values"},
    {RuleId::kBits, "R-BITS", "a bitmap holds no bit its section leaves undefined"},
    {RuleId::kEvents, "R-EVENTS",
     "event arrays: count at most 32, known non-zero codes within the count, zeros after"},
    {RuleId::kIdentity, "R-IDENTITY", "fixed identity values and SunSpec markers"},
    {RuleId::kRange, "R-RANGE", "a value lies in its type's and unit's physical range"},
    {RuleId::kReadback, "R-READBACK", "a valid value written reads back equal"},
    {RuleId::kReadonly, "R-READONLY",
     "a write to a read-only register leaves it unchanged and gets an exception"},
    {RuleId::kConfig, "R-CONFIG", "Enapter configuration: begin, write, commit; rollback"},
}};

constexpr auto kMust = Level::kMust;
constexpr auto kShould = Level::kShould;
constexpr auto kEither = Level::kEither;
constexpr std::optional<Level> kNotApplicable = std::nullopt;

// clang-format off
constexpr std::array<RuleApplication, kRuleCount> kConextBms{{
    {RuleId::kValidRead, kMust, "MUST"},
    {RuleId::kPartial32, kMust, "MUST"},
    {RuleId::kPartialOther, kEither, "EITHER: 02, or the raw registers"},
    {RuleId::kGap, kMust, "MUST"},
    {RuleId::kBoundary, kEither, "EITHER at the splits listed (02, or the data)"},
    {RuleId::kQuantity, kMust, "MUST"},
    {RuleId::kFunction, kMust, "MUST for codes other than 03, 04, 06, 16; EITHER for 04 (01, or holding data)"},
    {RuleId::kMbap, kMust, "MUST"},
    {RuleId::kUnit, kEither, "EITHER: no answer, or exception 0A/0B"},
    {RuleId::kEnum, kMust, "MUST"},
    {RuleId::kBits, kShould, "SHOULD"},
    {RuleId::kEvents, kNotApplicable, "n/a"},
    {RuleId::kIdentity, kShould, "SunSpec markers, SHOULD"},
    {RuleId::kRange, kShould, "SHOULD"},
    {RuleId::kReadback, kMust, "MUST"},
    {RuleId::kReadonly, kMust, "MUST for unchanged; SHOULD for answering with an exception; EITHER for which code"},
    {RuleId::kConfig, kNotApplicable, "n/a"},
}};

constexpr std::array<RuleApplication, kRuleCount> kConextAgs{{
    {RuleId::kValidRead, kMust, "MUST"},
    {RuleId::kPartial32, kMust, "MUST"},
    {RuleId::kPartialOther, kEither, "EITHER"},
    {RuleId::kGap, kMust, "MUST"},
    {RuleId::kBoundary, kNotApplicable, "n/a (every boundary in this map is a gap: R-GAP)"},
    {RuleId::kQuantity, kMust, "MUST"},
    {RuleId::kFunction, kMust, "same as BMS"},
    {RuleId::kMbap, kMust, "MUST"},
    {RuleId::kUnit, kEither, "EITHER"},
    {RuleId::kEnum, kMust, "MUST"},
    {RuleId::kBits, kShould, "SHOULD"},
    {RuleId::kEvents, kNotApplicable, "n/a"},
    {RuleId::kIdentity, kNotApplicable, "n/a"},
    {RuleId::kRange, kShould, "SHOULD"},
    {RuleId::kReadback, kMust, "MUST"},
    {RuleId::kReadonly, kMust, "same as BMS"},
    {RuleId::kConfig, kNotApplicable, "n/a"},
}};

constexpr std::array<RuleApplication, kRuleCount> kEnapterEl21{{
    {RuleId::kValidRead, kMust, "MUST"},
    {RuleId::kPartial32, kEither, "EITHER: 02, or the raw halves"},
    {RuleId::kPartialOther, kEither, "EITHER"},
    {RuleId::kGap, kShould, "SHOULD (02; zeros give a warning)"},
    {RuleId::kBoundary, kNotApplicable, "n/a (R-GAP)"},
    {RuleId::kQuantity, kMust, "MUST"},
    {RuleId::kFunction, kMust, "MUST for codes other than 03, 04, 06, 16"},
    {RuleId::kMbap, kMust, "MUST"},
    {RuleId::kUnit, kEither, "EITHER: no answer, exception 0A/0B, or a normal answer as unit 1"},
    {RuleId::kEnum, kMust, "MUST"},
    {RuleId::kBits, kNotApplicable, "n/a"},
    {RuleId::kEvents, kMust, "MUST (codes), SHOULD (severity)"},
    {RuleId::kIdentity, kMust, "MUST"},
    {RuleId::kRange, kShould, "SHOULD"},
    {RuleId::kReadback, kMust, "MUST, through the configuration sequence for registers 4000 and up"},
    {RuleId::kReadonly, kNotApplicable, "n/a (input registers cannot be written)"},
    {RuleId::kConfig, kMust, "MUST"},
}};
// clang-format on

}  // namespace

std::string_view rule_name(RuleId rule) {
  for (const auto& text : kRuleTexts) {
    if (text.rule == rule) return text.name;
  }
  return "R-UNKNOWN";
}

std::string_view rule_summary(RuleId rule) {
  for (const auto& text : kRuleTexts) {
    if (text.rule == rule) return text.summary;
  }
  return "";
}

std::optional<RuleId> parse_rule(std::string_view name) {
  for (const auto& text : kRuleTexts) {
    if (text.name == name) return text.rule;
  }
  return std::nullopt;
}

std::string_view level_name(Level level) {
  switch (level) {
    case Level::kMust:
      return "MUST";
    case Level::kShould:
      return "SHOULD";
    case Level::kEither:
      return "EITHER";
  }
  return "UNKNOWN";
}

std::span<const RuleApplication> conext_bms_rules() {
  return kConextBms;
}
std::span<const RuleApplication> conext_ags_rules() {
  return kConextAgs;
}
std::span<const RuleApplication> enapter_el21_rules() {
  return kEnapterEl21;
}

std::optional<Level> level_in(std::span<const RuleApplication> rules, RuleId rule) {
  for (const auto& application : rules) {
    if (application.rule == rule) return application.level;
  }
  return std::nullopt;
}

}  // namespace mbh::models
