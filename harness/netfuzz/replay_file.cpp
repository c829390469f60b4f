#include "harness/netfuzz/replay_file.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <tuple>

namespace mbh::netfuzz {
namespace {

using json = nlohmann::ordered_json;
using Parsed = Result<Finding, std::string>;

constexpr std::size_t kMaxTextField = 4096;

Failure<std::string> bad(std::string message) {
  return fail(std::move(message));
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Hex digits in pairs, spaces allowed between pairs.
Result<std::vector<std::byte>, std::string> parse_hex(std::string_view text) {
  std::vector<std::byte> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    if (i + 1 >= text.size() || hex_digit(text[i]) < 0 || hex_digit(text[i + 1]) < 0) {
      return bad(fmt::format("not hex at character {}", i + 1));
    }
    if (out.size() == kMaxFrameBytes) {
      return bad(fmt::format("over {} bytes (no Modbus TCP frame is larger)", kMaxFrameBytes));
    }
    out.push_back(static_cast<std::byte>(hex_digit(text[i]) * 16 + hex_digit(text[i + 1])));
    i += 2;
  }
  return out;
}

const json* member(const json& object, const char* name) {
  const auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

Result<std::string, std::string> text_field(const json& object, const char* name) {
  const json* value = member(object, name);
  if (value == nullptr) return bad(fmt::format("missing field \"{}\"", name));
  if (!value->is_string()) return bad(fmt::format("\"{}\" must be a string", name));
  const auto& text = value->get_ref<const std::string&>();
  if (text.size() > kMaxTextField) {
    return bad(fmt::format("\"{}\" is longer than {} characters", name, kMaxTextField));
  }
  return text;
}

Result<std::uint64_t, std::string> unsigned_field(const json& object, const char* name,
                                                  std::uint64_t max) {
  const json* value = member(object, name);
  if (value == nullptr) return bad(fmt::format("missing field \"{}\"", name));
  if (!value->is_number_unsigned() || value->get<std::uint64_t>() > max) {
    return bad(fmt::format("\"{}\" must be an integer from 0 to {}", name, max));
  }
  return value->get<std::uint64_t>();
}

Result<SentFrame, std::string> parse_frame(const json& entry, std::size_t index) {
  const std::string where = fmt::format("frames[{}]", index);
  if (!entry.is_object()) return bad(fmt::format("{} must be an object", where));
  const auto hex = text_field(entry, "hex");
  if (!hex) return bad(fmt::format("{}: {}", where, hex.error()));
  auto bytes = parse_hex(hex.value());
  if (!bytes) return bad(fmt::format("{}: \"hex\" is {}", where, bytes.error()));
  const auto kind_text = text_field(entry, "kind");
  if (!kind_text) return bad(fmt::format("{}: {}", where, kind_text.error()));
  const auto kind = kind_from_name(kind_text.value());
  if (!kind) return bad(fmt::format("{}: unknown kind \"{}\"", where, kind_text.value()));
  SentFrame frame;
  frame.bytes = std::move(bytes).value();
  frame.kind = *kind;
  // Only an opened connection sends nothing.
  if (frame.bytes.empty() && frame.kind != FrameKind::kHeldConnections) {
    return bad(fmt::format("{}: \"hex\" is empty (only a held-connections frame may be)", where));
  }
  if (const json* answer = member(entry, "answer"); answer != nullptr) {
    if (!answer->is_string()) return bad(fmt::format("{}: \"answer\" must be a string", where));
    auto answered = parse_hex(answer->get_ref<const std::string&>());
    if (!answered) return bad(fmt::format("{}: \"answer\" is {}", where, answered.error()));
    frame.answer = std::move(answered).value();
  }
  // Version 3; optional, as in a hand-made file: connection 0, at 0.
  for (const auto& [name, field, max] :
       {std::tuple{"connection", &frame.connection, std::uint64_t{kMaxFindingFrames - 1}},
        std::tuple{"at_ms", &frame.at_ms, std::uint64_t{UINT32_MAX}}}) {
    if (member(entry, name) == nullptr) continue;
    const auto value = unsigned_field(entry, name, max);
    if (!value) return bad(fmt::format("{}: {}", where, value.error()));
    *field = value.value();
  }
  return frame;
}

Parsed parse_object(const json& root) {
  if (!root.is_object()) return bad("the file is not a JSON object");
  const auto format = text_field(root, "format");
  if (!format) return bad(format.error());
  if (format.value() != kReplayFormat) {
    return bad(fmt::format("\"format\" is \"{}\", not \"{}\"", format.value(), kReplayFormat));
  }
  const json* version = member(root, "version");
  if (version == nullptr) return bad("missing field \"version\"");
  if (!version->is_number_integer() || version->get<std::int64_t>() < 1 ||
      version->get<std::int64_t>() > kReplayVersion) {
    return bad(fmt::format("unsupported version {} (this mbharness reads versions 1 to {})",
                           version->dump(), kReplayVersion));
  }

  Finding finding;
  const auto kind = text_field(root, "kind");
  if (!kind) return bad(kind.error());
  if (kind.value() == "crash") {
    finding.kind = Verdict::kCrash;
  } else if (kind.value() == "hang") {
    finding.kind = Verdict::kHang;
  } else if (kind.value() == "anomaly") {
    finding.kind = Verdict::kAnomaly;
    const auto which = text_field(root, "anomaly");
    if (!which) return bad(which.error());
    const auto anomaly = anomaly_from_name(which.value());
    if (!anomaly) return bad(fmt::format("unknown anomaly \"{}\"", which.value()));
    finding.anomaly = *anomaly;
  } else {
    return bad(
        fmt::format("\"kind\" is \"{}\", not \"crash\", \"hang\" or \"anomaly\"", kind.value()));
  }
  auto observed = text_field(root, "observed");
  if (!observed) return bad(observed.error());
  finding.observed = std::move(observed).value();
  auto map = text_field(root, "map");
  if (!map) return bad(map.error());
  if (map.value().empty()) return bad("\"map\" is empty");
  finding.map = std::move(map).value();
  const auto unit = unsigned_field(root, "unit", 255);
  if (!unit) return bad(unit.error());
  finding.unit = static_cast<std::uint8_t>(unit.value());
  const auto seed = unsigned_field(root, "seed", UINT64_MAX);
  if (!seed) return bad(seed.error());
  finding.seed = seed.value();
  const auto index = unsigned_field(root, "frame_index", UINT64_MAX);
  if (!index) return bad(index.error());
  finding.frame_index = index.value();
  auto time = text_field(root, "time");
  if (!time) return bad(time.error());
  finding.time = std::move(time).value();
  // Version 2 adds who found it and where; optional, so that a hand-made file stays short.
  for (const auto& [name, field] :
       {std::pair{"tool_version", &finding.tool_version}, std::pair{"target", &finding.target}}) {
    if (member(root, name) == nullptr) continue;
    auto text = text_field(root, name);
    if (!text) return bad(text.error());
    *field = std::move(text).value();
  }

  const json* frames = member(root, "frames");
  if (frames == nullptr) return bad("missing field \"frames\"");
  if (!frames->is_array()) return bad("\"frames\" must be an array");
  if (frames->empty()) return bad("\"frames\" is empty: there is nothing to replay");
  if (frames->size() > kMaxFindingFrames) {
    return bad(fmt::format("too many frames: {} (at most {})", frames->size(), kMaxFindingFrames));
  }
  for (std::size_t i = 0; i < frames->size(); ++i) {
    auto frame = parse_frame((*frames)[i], i);
    if (!frame) return bad(frame.error());
    finding.frames.push_back(std::move(frame).value());
  }
  return finding;
}

}  // namespace

std::string to_hex(const std::vector<std::byte>& bytes) {
  std::string out;
  out.reserve(bytes.size() * 3);
  for (const auto byte : bytes) {
    if (!out.empty()) out += ' ';
    out += fmt::format("{:02X}", std::to_integer<unsigned>(byte));
  }
  return out;
}

std::string finding_name(const Finding& finding) {
  if (finding.kind != Verdict::kAnomaly) return std::string(verdict_name(finding.kind));
  return fmt::format("anomaly {}", anomaly_name(finding.anomaly));
}

std::string to_replay_json(const Finding& finding) {
  json frames = json::array();
  for (const auto& frame : finding.frames) {
    json entry = {{"kind", kind_name(frame.kind)}, {"hex", to_hex(frame.bytes)}};
    if (!frame.answer.empty()) entry["answer"] = to_hex(frame.answer);
    entry["connection"] = frame.connection;
    entry["at_ms"] = frame.at_ms;
    frames.push_back(std::move(entry));
  }
  json root = {{"format", kReplayFormat},
               {"version", kReplayVersion},
               {"kind", verdict_name(finding.kind)},
               {"observed", finding.observed},
               {"map", finding.map},
               {"unit", finding.unit},
               {"seed", finding.seed},
               {"frame_index", finding.frame_index},
               {"time", finding.time},
               {"frames", frames}};
  if (finding.kind == Verdict::kAnomaly) root["anomaly"] = anomaly_name(finding.anomaly);
  if (!finding.tool_version.empty()) root["tool_version"] = finding.tool_version;
  if (!finding.target.empty()) root["target"] = finding.target;
  return root.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

Result<Finding, std::string> parse_replay_file(std::string_view text) {
  if (text.size() > kMaxReplayFileSize) {
    return bad(fmt::format("the file is larger than {} bytes", kMaxReplayFileSize));
  }
  const json root = json::parse(text.begin(), text.end(), nullptr, false);
  if (root.is_discarded()) return bad("not valid JSON");
  return parse_object(root);
}

std::string replay_file_name(Verdict kind, unsigned number, std::uint64_t seed) {
  return fmt::format("{}-{:06}-{}.json", verdict_name(kind), number, seed);
}

}  // namespace mbh::netfuzz
