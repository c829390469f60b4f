// The progress line: its text names the suite, checks, failures, requests, time and rate; it is
// drawn in place at most every 250 ms (each new suite at once), and cleared, leaving the terminal
// as it found it.
#include "harness/cli/progress_line.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace mbh::cli {
namespace {

using namespace std::chrono_literals;

conformance::RunProgress at(std::string_view suite, std::uint64_t requests) {
  return {suite, 7, 14, 123, 2, requests, std::chrono::seconds(4)};
}

TEST(ProgressText, NamesSuiteChecksFailuresRequestsTimeAndRate) {
  EXPECT_EQ(progress_text(at("gap", 456)),
            "[7/14] gap  checks 123 (2 failing)  requests 456  4.0 s  114.0 requests/s");
  auto clean = at("restore", 10);
  clean.failing = 0;
  clean.elapsed = {};
  EXPECT_EQ(progress_text(clean), "restore  checks 123  requests 10  0.0 s");
}

TEST(ProgressLine, DrawsInPlaceAtMostEveryIntervalAndClearsAtTheEnd) {
  std::ostringstream out;
  ProgressLine line(out, true);
  const auto t0 = ProgressLine::Clock::time_point{} + 1h;
  line.update(at("gap", 1), t0);
  line.update(at("gap", 2), t0 + 100ms);  // too soon: not drawn
  line.update(at("gap", 3), t0 + 250ms);
  line.clear();
  line.clear();                               // nothing shown: nothing to erase
  line.update(at("gap", 4), t0 + 260ms);      // after a clear, at once
  line.update(at("restore", 5), t0 + 270ms);  // a new step, at once
  const std::string text = out.str();
  EXPECT_NE(text.find("\r\x1b[K[7/14] gap  checks 123 (2 failing)  requests 1 "),
            std::string::npos);
  EXPECT_EQ(text.find("requests 2 "), std::string::npos);
  EXPECT_NE(text.find("requests 3 "), std::string::npos);
  EXPECT_NE(text.find("requests 3  4.0 s  0.8 requests/s\r\x1b[K\r\x1b[K[7/14]"), std::string::npos)
      << text;
  EXPECT_NE(text.find("\r\x1b[Krestore  checks 123 (2 failing)  requests 5"), std::string::npos);
  EXPECT_EQ(text.find('\n'), std::string::npos);
}

TEST(ProgressLine, DisabledDrawsNothing) {
  std::ostringstream out;
  ProgressLine line(out, false);
  line.update(at("gap", 1));
  line.clear();
  EXPECT_TRUE(out.str().empty());
}

}  // namespace
}  // namespace mbh::cli
