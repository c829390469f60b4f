#include "harness/codec/values/value_error.hpp"

#include <set>
#include <string_view>

#include <gtest/gtest.h>

namespace mbh::codec {
namespace {

TEST(ValueErrorMessage, EveryErrorHasADistinctOneLineMessage) {
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < kValueErrorCount; ++i) {
    const std::string_view text = message(static_cast<ValueError>(i));
    EXPECT_FALSE(text.empty()) << "error " << i;
    EXPECT_EQ(text.find('\n'), std::string_view::npos) << "error " << i;
    EXPECT_TRUE(seen.insert(text).second) << "error " << i << " repeats: " << text;
  }
  EXPECT_EQ(seen.size(), kValueErrorCount);
}

TEST(ValueErrorMessage, ValueOutsideTheEnumStillGetsAMessage) {
  EXPECT_FALSE(message(static_cast<ValueError>(kValueErrorCount)).empty());
}

}  // namespace
}  // namespace mbh::codec
