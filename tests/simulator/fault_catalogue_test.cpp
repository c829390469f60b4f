// The fault catalogue and parse_fault: every entry well formed, and every mistake in a
// --fault argument reported as a readable sentence.
#include "harness/simulator/fault_catalogue.hpp"

#include <gtest/gtest.h>

#include <set>

namespace mbh::simulator {
namespace {

TEST(FaultCatalogue, EveryEntryIsWellFormed) {
  std::set<std::string_view> names;
  for (const FaultInfo& info : fault_catalogue()) {
    SCOPED_TRACE(std::string(info.name));
    EXPECT_TRUE(names.insert(info.name).second) << "listed twice";
    EXPECT_FALSE(info.name.empty());
    EXPECT_EQ(info.name.find_first_of("= ABCDEFGHIJKLMNOPQRSTUVWXYZ"), std::string_view::npos);
    EXPECT_FALSE(info.description.empty());
    EXPECT_EQ(info.rule.has_value(), info.kind == FaultKind::kRule);
    EXPECT_EQ(find_fault(info.name), &info);
  }
  EXPECT_EQ(find_fault("no-such-fault"), nullptr);
}

TEST(FaultCatalogue, ParsesNamesAndArguments) {
  const auto silence = parse_fault("silence");
  ASSERT_TRUE(silence);
  EXPECT_EQ(silence->info, find_fault("silence"));
  EXPECT_FALSE(silence->argument.has_value());
  const auto slow = parse_fault("slow=1500");
  ASSERT_TRUE(slow);
  EXPECT_EQ(slow->argument, "1500");
  EXPECT_TRUE(parse_fault("drop=1"));
  EXPECT_TRUE(parse_fault("crash-on=2B0E"));
  EXPECT_TRUE(parse_fault("hang-on=03"));
  EXPECT_TRUE(parse_fault("enum-out-of-range"));
  // An optional argument: left out, or given.
  const auto duplicate = parse_fault("duplicate-answer");
  ASSERT_TRUE(duplicate) << duplicate.error();
  EXPECT_FALSE(duplicate->argument.has_value());
  const auto every_third = parse_fault("unsolicited-frame=3");
  ASSERT_TRUE(every_third) << every_third.error();
  EXPECT_EQ(every_third->argument, "3");
}

// The error names what is wrong (the word expected in it).
struct BadFault {
  std::string_view text;
  std::string_view says;
};

TEST(FaultCatalogue, ReportsWhatIsWrong) {
  const BadFault cases[] = {
      {"", "no name"},
      {"=3", "no name"},
      {"slowly", "unknown fault 'slowly'"},
      {"slow", "needs an argument: slow=MS"},
      {"crash-on", "needs an argument: crash-on=SHAPE"},
      {"silence=1", "takes no argument"},
      {"short-read=", "takes no argument"},
      {"slow=", "empty"},
      {"slow=fast", "not a whole number"},
      {"slow=12ms", "not a whole number"},
      {"slow=0", "outside 1..600000"},
      {"slow=-5", "outside"},
      {"slow=99999999999999999999", "too large"},
      {"drop=0", "outside"},
      {"duplicate-answer=0", "outside"},
      {"duplicate-answer=", "empty"},
      {"unsolicited-frame=often", "not a whole number"},
      {"crash-on=2B0", "odd number of hex digits"},
      {"crash-on=2G", "not a hex digit"},
      {"hang-on=", "empty"},
  };
  for (const BadFault& bad : cases) {
    SCOPED_TRACE(std::string(bad.text));
    const auto parsed = parse_fault(bad.text);
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().find(bad.says), std::string::npos) << parsed.error();
  }
  const std::string too_long = "crash-on=" + std::string(2 * 254, 'A');
  const auto parsed = parse_fault(too_long);
  ASSERT_FALSE(parsed);
  EXPECT_NE(parsed.error().find("longer than any PDU"), std::string::npos) << parsed.error();
}

}  // namespace
}  // namespace mbh::simulator
