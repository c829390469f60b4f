#include "models/rule_table.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "models/map_catalog.hpp"

namespace mbh::models {
namespace {

// The built-in map's rule table, by id.
std::span<const RuleApplication> rules_for(std::string_view id) {
  const RegisterMap* map = find_map(id);
  return map == nullptr ? std::span<const RuleApplication>{} : map->rules;
}
std::optional<Level> level_of(std::string_view id, RuleId rule) {
  return level_in(rules_for(id), rule);
}

TEST(RuleTable, EveryRuleHasAnIdThatParsesBack) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < kRuleCount; ++i) {
    const auto rule = static_cast<RuleId>(i);
    const auto name = rule_name(rule);
    EXPECT_TRUE(name.starts_with("R-")) << name;
    EXPECT_FALSE(rule_summary(rule).empty()) << name;
    EXPECT_EQ(parse_rule(name), rule);
    names.emplace(name);
  }
  EXPECT_EQ(names.size(), kRuleCount);
  EXPECT_FALSE(parse_rule("R-NOPE"));
}

TEST(RuleTable, EachMapHasEveryRuleInOrder) {
  for (std::string_view map : {"conext-bms", "conext-ags", "enapter-el21"}) {
    const auto rules = rules_for(map);
    ASSERT_EQ(rules.size(), kRuleCount) << map;
    for (std::size_t i = 0; i < kRuleCount; ++i) {
      EXPECT_EQ(rules[i].rule, static_cast<RuleId>(i)) << map;
      EXPECT_FALSE(rules[i].cell.empty()) << map;
    }
  }
  EXPECT_TRUE(rules_for("modicon").empty());
}

// Hand-copied from RULES.md's table: the cells where the maps differ.
TEST(RuleTable, LevelsAgreeWithRulesMd) {
  EXPECT_EQ(level_of("conext-bms", RuleId::kPartial32), Level::kMust);
  EXPECT_EQ(level_of("enapter-el21", RuleId::kPartial32), Level::kEither);
  EXPECT_EQ(level_of("enapter-el21", RuleId::kGap), Level::kShould);
  EXPECT_EQ(level_of("conext-bms", RuleId::kBoundary), Level::kEither);
  EXPECT_EQ(level_of("conext-ags", RuleId::kBoundary), std::nullopt);
  EXPECT_EQ(level_of("enapter-el21", RuleId::kBits), std::nullopt);
  EXPECT_EQ(level_of("conext-bms", RuleId::kBits), Level::kShould);
  EXPECT_EQ(level_of("conext-bms", RuleId::kIdentity), Level::kShould);
  EXPECT_EQ(level_of("conext-ags", RuleId::kIdentity), std::nullopt);
  EXPECT_EQ(level_of("enapter-el21", RuleId::kIdentity), Level::kMust);
  EXPECT_EQ(level_of("enapter-el21", RuleId::kEvents), Level::kMust);
  EXPECT_EQ(level_of("conext-bms", RuleId::kEvents), std::nullopt);
  EXPECT_EQ(level_of("enapter-el21", RuleId::kReadonly), std::nullopt);
  EXPECT_EQ(level_of("enapter-el21", RuleId::kConfig), Level::kMust);
  EXPECT_EQ(level_of("conext-ags", RuleId::kConfig), std::nullopt);
  for (std::string_view map : {"conext-bms", "conext-ags", "enapter-el21"}) {
    EXPECT_EQ(level_of(map, RuleId::kRange), Level::kShould);
    EXPECT_EQ(level_of(map, RuleId::kUnit), Level::kEither);
    EXPECT_EQ(level_of(map, RuleId::kQuantity), Level::kMust);
    EXPECT_EQ(level_of(map, RuleId::kMbap), Level::kMust);
  }
}

}  // namespace
}  // namespace mbh::models
