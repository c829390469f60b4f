#pragma once
// Where a report's text holds a phrase, for tests that check the order of a report's parts;
// a phrase that is missing fails the test where it is looked for.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace mbh::reports::testing {

inline std::size_t position(const std::string& text, std::string_view what) {
  const auto at = text.find(what);
  EXPECT_NE(at, std::string::npos) << what;
  return at;
}

}  // namespace mbh::reports::testing
