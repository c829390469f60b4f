#include "harness/netfuzz/replay_file.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <nlohmann/json.hpp>

#include <string>

namespace mbh::netfuzz {
namespace {

Finding sample() {
  Finding finding;
  finding.kind = Verdict::kHang;
  finding.frames = {
      {{std::byte{0x00}, std::byte{0x01}, std::byte{0x00}, std::byte{0x00}, std::byte{0x00},
        std::byte{0x06}, std::byte{0xE6}, std::byte{0x03}, std::byte{0x00}, std::byte{0x00},
        std::byte{0x00}, std::byte{0x01}},
       FrameKind::kModelRead,
       {}},
      {{std::byte{0x00}, std::byte{0x02}, std::byte{0x00}, std::byte{0x00}, std::byte{0x00},
        std::byte{0x02}, std::byte{0xE6}, std::byte{0x08}},
       FrameKind::kUnknownFunction,
       {}},
  };
  finding.observed = "no answer within the timeout; then \"nothing\"";
  finding.map = "conext-bms";
  finding.unit = 230;
  finding.seed = 18446744073709551615ULL;
  finding.frame_index = 42;
  finding.time = "2024-05-01T12:00:00Z";
  return finding;
}

TEST(ReplayFile, RoundTrips) {
  const Finding finding = sample();
  const std::string text = to_replay_json(finding);
  EXPECT_NE(text.find("\"format\": \"mbharness-replay\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"hex\": \"00 02 00 00 00 02 E6 08\""), std::string::npos) << text;
  const auto parsed = parse_replay_file(text);
  ASSERT_TRUE(parsed) << parsed.error();
  EXPECT_EQ(parsed.value(), finding);
}

RC_GTEST_PROP(ReplayFile, AnyFindingRoundTrips,
              (std::vector<std::vector<std::uint8_t>> raw, std::string observed, std::uint64_t seed,
               std::uint8_t unit)) {
  Finding finding = sample();
  finding.frames.clear();
  for (const auto& frame : raw) {
    if (frame.empty() || frame.size() > kMaxFrameBytes) continue;
    if (finding.frames.size() == kMaxFindingFrames) break;
    SentFrame sent;
    for (const auto byte : frame)
      sent.bytes.push_back(std::byte{byte});
    sent.kind = static_cast<FrameKind>(frame[0] % kFrameKindCount);
    finding.frames.push_back(std::move(sent));
  }
  RC_PRE(!finding.frames.empty());
  // JSON strings are UTF-8: keep the sentence to ASCII, as the writer's sentences are.
  for (auto& c : observed)
    c = static_cast<char>(0x20 + (static_cast<unsigned char>(c) % 0x5F));
  finding.observed = observed.substr(0, 4000);
  finding.seed = seed;
  finding.unit = unit;
  const auto parsed = parse_replay_file(to_replay_json(finding));
  RC_ASSERT(parsed.ok());
  RC_ASSERT(parsed.value() == finding);
}

std::string with(const std::string& key, const std::string& value) {
  // The sample file with one field's JSON value replaced (or removed when value is empty).
  std::string text = to_replay_json(sample());
  const auto at = text.find("\"" + key + "\": ");
  if (at == std::string::npos) return text;
  const auto start = at + key.size() + 4;
  std::size_t end = start;
  int depth = 0;
  bool in_string = false;
  for (; end < text.size(); ++end) {
    const char c = text[end];
    if (in_string) {
      if (c == '\\')
        ++end;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{')
      ++depth;
    else if (c == ']' || c == '}') {
      if (depth == 0) break;
      --depth;
    } else if (c == ',' && depth == 0)
      break;
  }
  if (value.empty()) {
    std::size_t from = text.rfind(',', at);
    return text.substr(0, from) + text.substr(end);
  }
  return text.substr(0, start) + value + text.substr(end);
}

struct Hostile {
  std::string name;
  std::string text;
  std::string message;  // a part of the error
};

std::vector<Hostile> hostile_files() {
  std::string many = "[";
  for (int i = 0; i < 65; ++i)
    many += std::string(i == 0 ? "" : ",") + R"({"kind":"model-read","hex":"00"})";
  many += "]";
  std::string deep(100000, '[');
  return {
      {"empty", "", "not valid JSON"},
      {"not json", "crash!", "not valid JSON"},
      {"an array", "[1,2]", "not a JSON object"},
      {"deep nesting", deep, "not valid JSON"},
      {"wrong format", with("format", "\"pcap\""), "\"format\""},
      {"missing version", with("version", ""), "missing field \"version\""},
      {"wrong version", with("version", "4"), "unsupported version 4"},
      {"version 0", with("version", "0"), "unsupported version 0"},
      {"unknown anomaly", with("kind", R"("anomaly", "anomaly": "odd")"),
       "unknown anomaly \"odd\""},
      {"anomaly unnamed", with("kind", "\"anomaly\""), "missing field \"anomaly\""},
      {"answer not hex", with("frames", R"([{"kind":"model-read","hex":"00","answer":"ZZ"}])"),
       "\"answer\" is not hex"},
      {"answer not text", with("frames", R"([{"kind":"model-read","hex":"00","answer":1}])"),
       "\"answer\" must be a string"},
      {"connection past the frames",
       with("frames", R"([{"kind":"model-read","hex":"00","connection":64}])"),
       "frames[0]: \"connection\" must be an integer from 0 to 63"},
      {"time negative", with("frames", R"([{"kind":"model-read","hex":"00","at_ms":-1}])"),
       "frames[0]: \"at_ms\" must be an integer from 0 to 4294967295"},
      {"target not text", with("time", R"("t", "target": 5)"), "\"target\" must be a string"},
      {"version as text", with("version", "\"1\""), "unsupported version"},
      {"bad kind", with("kind", "\"explode\""), "\"kind\""},
      {"missing map", with("map", ""), "missing field \"map\""},
      {"unit too big", with("unit", "256"), "\"unit\" must be an integer from 0 to 255"},
      {"negative seed", with("seed", "-1"), "\"seed\""},
      {"seed as float", with("seed", "1.5"), "\"seed\""},
      {"frames not an array", with("frames", "{}"), "\"frames\" must be an array"},
      {"no frames", with("frames", "[]"), "nothing to replay"},
      {"too many frames", with("frames", many), "too many frames: 65"},
      {"bad hex", with("frames", R"([{"kind":"model-read","hex":"00 0G"}])"), "not hex"},
      {"odd hex", with("frames", R"([{"kind":"model-read","hex":"001"}])"), "not hex"},
      {"empty hex", with("frames", R"([{"kind":"model-read","hex":""}])"), "empty"},
      {"frame over 260 bytes",
       with("frames", "[{\"kind\":\"model-read\",\"hex\":\"" + std::string(522, 'A') + "\"}]"),
       "over 260 bytes"},
      {"unknown frame kind", with("frames", R"([{"kind":"nope","hex":"00"}])"),
       "unknown kind \"nope\""},
      {"frame not an object", with("frames", R"(["00 01"])"), "frames[0] must be an object"},
      {"huge file", std::string(kMaxReplayFileSize + 1, ' '), "larger than"},
      {"invalid utf-8", "{\"format\": \"\xff\"}", "not valid JSON"},
  };
}

// Version 2: what the device answered to each frame, the anomaly, who found it and where.
TEST(ReplayFile, AnAnomalyWithAnswersRoundTrips) {
  Finding finding = sample();
  finding.kind = Verdict::kAnomaly;
  finding.anomaly = Anomaly::kServerFailure;
  finding.frames[1].answer = {std::byte{0x00}, std::byte{0x02}, std::byte{0x00},
                              std::byte{0x00}, std::byte{0x00}, std::byte{0x03},
                              std::byte{0xE6}, std::byte{0x88}, std::byte{0x04}};
  finding.tool_version = "1.2.3";
  finding.target = "127.0.0.1:5020";
  const std::string text = to_replay_json(finding);
  EXPECT_NE(text.find("\"version\": 3"), std::string::npos) << text;
  EXPECT_NE(text.find("\"anomaly\": \"server-device-failure\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"answer\": \"00 02 00 00 00 03 E6 88 04\""), std::string::npos) << text;
  const auto parsed = parse_replay_file(text);
  ASSERT_TRUE(parsed) << parsed.error();
  EXPECT_EQ(parsed.value(), finding);
  EXPECT_EQ(finding_name(parsed.value()), "anomaly server-device-failure");
}

// Version 3: each frame's connection and time, as the fuzz loop recorded them, numbered from
// the first frame's.
TEST(ReplayFile, ConnectionsAndTimesRoundTrip) {
  Finding finding = sample();
  finding.frames[0].connection = 7'000'000'000ULL;  // as recorded: ids of the loop's own
  finding.frames[0].at_ms = 1'000;
  finding.frames[1].connection = 42;
  finding.frames[1].at_ms = 1'250;
  finding.frames.push_back(finding.frames[0]);
  finding.frames.back().at_ms = 1'300;
  number_connections(finding.frames);
  EXPECT_EQ(finding.frames[0].connection, 0U);
  EXPECT_EQ(finding.frames[1].connection, 1U);
  EXPECT_EQ(finding.frames[2].connection, 0U);
  EXPECT_EQ(finding.frames[0].at_ms, 0U);
  EXPECT_EQ(finding.frames[1].at_ms, 250U);
  EXPECT_EQ(finding.frames[2].at_ms, 300U);
  const std::string text = to_replay_json(finding);
  EXPECT_NE(text.find("\"connection\": 1"), std::string::npos) << text;
  EXPECT_NE(text.find("\"at_ms\": 250"), std::string::npos) << text;
  const auto parsed = parse_replay_file(text);
  ASSERT_TRUE(parsed) << parsed.error();
  EXPECT_EQ(parsed.value(), finding);
}

// Versions 1 and 2 have neither: every frame on connection 0, at 0.
TEST(ReplayFile, VersionOneAndTwoFilesAreStillRead) {
  for (const int version : {1, 2}) {
    auto file = nlohmann::ordered_json::parse(to_replay_json(sample()));
    file["version"] = version;
    for (auto& frame : file["frames"]) {
      frame.erase("connection");
      frame.erase("at_ms");
    }
    const auto parsed = parse_replay_file(file.dump(2));
    ASSERT_TRUE(parsed) << version << ": " << parsed.error();
    EXPECT_EQ(parsed.value(), sample()) << version;
    EXPECT_EQ(finding_name(parsed.value()), "hang");
  }
}

TEST(ReplayFile, HostileFilesGiveClearErrors) {
  for (const auto& file : hostile_files()) {
    const auto parsed = parse_replay_file(file.text);
    ASSERT_FALSE(parsed) << file.name;
    EXPECT_NE(parsed.error().find(file.message), std::string::npos)
        << file.name << ": " << parsed.error();
  }
}

RC_GTEST_PROP(ReplayFile, NeverThrowsOnArbitraryText, (std::string text)) {
  const auto parsed = parse_replay_file(text);
  // (Not one RC_ASSERT with ||: its expression capture does not short-circuit.)
  if (parsed) RC_ASSERT(!parsed.value().frames.empty());
}

TEST(ReplayFile, NamesCountUpAndCarryTheSeed) {
  EXPECT_EQ(replay_file_name(Verdict::kCrash, 1, 7), "crash-000001-7.json");
  EXPECT_EQ(replay_file_name(Verdict::kHang, 12, 0), "hang-000012-0.json");
}

}  // namespace
}  // namespace mbh::netfuzz
