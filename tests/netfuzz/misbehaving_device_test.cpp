#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>

#include <unistd.h>

#include "harness/netfuzz/finding_store.hpp"
#include "harness/netfuzz/network_fuzzer.hpp"
#include "harness/netfuzz/replay_runner.hpp"
#include "models/map_catalog.hpp"
#include "tests/support/loopback_simulator.hpp"

// The fuzz loop against devices that misbehave without going down: one that drops what it
// cannot parse, one that answers late, one whose stack fails on some requests. Counts, not
// times: a dropped frame is told by the valid read behind it, never by a timeout.
namespace mbh::netfuzz {
namespace {

using namespace std::chrono_literals;

std::string out_dir(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("mbh-misbehaving-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(path);
  return path.string();
}

FuzzSummary fuzz(const testing::LoopbackSimulator& device, std::uint64_t frames,
                 const std::string& out, std::chrono::milliseconds timeout = 2000ms) {
  FuzzOptions options;
  options.map = models::find_map("conext-bms");
  options.unit = options.map->first_unit;
  options.seed = 1;
  options.target = {"127.0.0.1", device.port()};
  options.timeout = timeout;
  options.duration = 120s;  // the frame count ends the run long before
  options.max_frames = frames;
  options.out_dir = out;
  std::ostringstream progress;
  return run_network_fuzz(options, progress);
}

TEST(MisbehavingDevice, FramesADeviceDropsCostAReadNotATimeout) {
  const testing::LoopbackSimulator device({"drop-invalid"});
  // With a 5 s timeout, 4,000 frames of which hundreds are dropped would take hours if each
  // dropped frame waited the timeout; ctest's limit ends the test long before.
  const auto summary = fuzz(device, 4000, out_dir("drop"), 5000ms);
  EXPECT_EQ(summary.end, FuzzSummary::End::kCompleted) << summary.reason;
  EXPECT_EQ(summary.frames, 4000U);
  EXPECT_GT(summary.dropped, 400U);
  // No wait ran to the timeout: each dropped frame was told by the read behind it.
  EXPECT_EQ(summary.full_waits, 0U);
  EXPECT_TRUE(summary.findings.empty());
  EXPECT_TRUE(summary.pipelining);
}

TEST(MisbehavingDevice, AWellBehavedDeviceDropsNothingAndIsNeverProbedAnew) {
  const testing::LoopbackSimulator device;
  const auto summary = fuzz(device, 2000, out_dir("clean"));
  EXPECT_EQ(summary.end, FuzzSummary::End::kCompleted) << summary.reason;
  EXPECT_EQ(summary.dropped, 0U);  // it answers or closes, never drops
  EXPECT_TRUE(summary.findings.empty());
  EXPECT_GT(summary.round_trip_p50.count(), 0);
}

TEST(MisbehavingDevice, AServerDeviceFailureIsSavedOnceCountedAndReplayed) {
  // The notable pass sends 08 00 00 12 34 (Return Query Data) early in every run.
  const testing::LoopbackSimulator device({"fail-on=08"});
  const auto out = out_dir("fail");
  const auto summary = fuzz(device, 3000, out);
  EXPECT_EQ(summary.end, FuzzSummary::End::kCompleted) << summary.reason;
  const auto failure = std::ranges::find_if(summary.findings, [](const SavedFinding& saved) {
    return saved.finding.anomaly == Anomaly::kServerFailure;
  });
  ASSERT_NE(failure, summary.findings.end());
  EXPECT_EQ(failure->finding.kind, Verdict::kAnomaly);
  ASSERT_FALSE(failure->path.empty()) << failure->save_error;
  // One file per distinct failure: every FC 08 frame kind that drew it has one entry.
  for (const auto& saved : summary.findings) {
    EXPECT_EQ(saved.finding.kind, Verdict::kAnomaly);
    EXPECT_EQ(std::to_integer<int>(saved.finding.frames.back().bytes[7]), 0x08);
  }
  std::uint64_t seen = 0;
  for (const auto& saved : summary.findings)
    seen += saved.count;
  EXPECT_GT(seen, summary.findings.size()) << "repeats are counted, not saved again";
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(out),
                          std::filesystem::directory_iterator()),
            static_cast<std::ptrdiff_t>(summary.findings.size()));

  const auto loaded = load_finding(failure->path);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded.value().frames.size(), 1U);
  EXPECT_FALSE(loaded.value().frames[0].answer.empty());
  EXPECT_EQ(loaded.value().target, "127.0.0.1:" + std::to_string(device.port()));
  const auto again = replay_finding(loaded.value(), *models::find_map("conext-bms"),
                                    {"127.0.0.1", device.port()}, 2000ms, nullptr);
  EXPECT_EQ(again.verdict, Verdict::kAnomaly) << again.observed;
  EXPECT_EQ(again.anomaly, Anomaly::kServerFailure);

  const testing::LoopbackSimulator fixed;
  const auto not_again = replay_finding(loaded.value(), *models::find_map("conext-bms"),
                                        {"127.0.0.1", fixed.port()}, 2000ms, nullptr);
  EXPECT_EQ(not_again.verdict, Verdict::kNone) << not_again.observed;
}

TEST(MisbehavingDevice, TheOtherAnswerAnomaliesAreFound) {
  struct Case {
    std::string fault;
    Anomaly anomaly;
  };
  for (const Case& c :
       {Case{"exception-flag-missing", Anomaly::kExceptionFlagMissing},
        Case{"duplicate-answer", Anomaly::kWrongTransaction}, Case{"slow-on=2B", Anomaly::kSlow},
        Case{"wrong-function-on=2B", Anomaly::kWrongFunction},
        Case{"wrong-unit-on=03", Anomaly::kWrongUnit},
        Case{"foreign-protocol-answered", Anomaly::kAnsweredForeignProtocol}}) {
    const testing::LoopbackSimulator device({c.fault});
    const auto summary = fuzz(device, 1500, out_dir("other"));
    EXPECT_TRUE(std::ranges::any_of(summary.findings, [&](const SavedFinding& saved) {
      return saved.finding.anomaly == c.anomaly;
    })) << c.fault;
    EXPECT_EQ(summary.end, FuzzSummary::End::kCompleted) << c.fault << ": " << summary.reason;
  }
}

}  // namespace
}  // namespace mbh::netfuzz
