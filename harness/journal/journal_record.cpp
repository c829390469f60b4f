#include "harness/journal/journal_record.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace mbh::journal {
namespace {

// Insertion order kept, so that a line reads event first, as a person scans it.
using json = nlohmann::ordered_json;

std::string line_of(const json& object) {
  return object.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string_view space_text(models::Space space) {
  return space == models::Space::kInput ? "input" : "holding";
}

std::string_view kind_text(RestoreKind kind) {
  switch (kind) {
    case RestoreKind::kCommand:
      return "command";
    case RestoreKind::kClock:
      return "clock";
    case RestoreKind::kValue:
      break;
  }
  return "value";
}

json key_object(std::string_view event, const RegisterKey& key) {
  return {{"event", event},
          {"target", key.target},
          {"unit", key.unit},
          {"space", space_text(key.space)},
          {"address", key.address}};
}

// The reading side: every field checked, any mismatch a message naming the field.
struct BadRecord {
  std::string why;
};

const json& field(const json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end()) throw BadRecord{fmt::format("no \"{}\"", name)};
  return *it;
}

template <class T>
T integer(const json& object, const char* name, std::int64_t low, std::int64_t high) {
  const json& value = field(object, name);
  if (!value.is_number_integer()) throw BadRecord{fmt::format("\"{}\" is not an integer", name)};
  const auto number = value.get<std::int64_t>();
  if (number < low || number > high) {
    throw BadRecord{fmt::format("\"{}\" is {}, outside {}..{}", name, number, low, high)};
  }
  return static_cast<T>(number);
}

std::string text(const json& object, const char* name) {
  const json& value = field(object, name);
  if (!value.is_string()) throw BadRecord{fmt::format("\"{}\" is not a string", name)};
  return value.get<std::string>();
}

std::vector<std::uint16_t> words(const json& object, const char* name) {
  const json& value = field(object, name);
  if (!value.is_array() || value.size() > 125) {
    throw BadRecord{fmt::format("\"{}\" is not a list of at most 125 registers", name)};
  }
  std::vector<std::uint16_t> out;
  for (const json& word : value) {
    if (!word.is_number_unsigned() || word.get<std::uint64_t>() > 0xFFFF) {
      throw BadRecord{fmt::format("\"{}\" holds a value that is not a register (0..65535)", name)};
    }
    out.push_back(static_cast<std::uint16_t>(word.get<std::uint64_t>()));
  }
  return out;
}

RegisterKey key_of(const json& object) {
  RegisterKey key;
  key.target = text(object, "target");
  key.unit = integer<std::uint8_t>(object, "unit", 0, 255);
  const std::string space = text(object, "space");
  if (space != "holding" && space != "input") {
    throw BadRecord{fmt::format("\"space\" is '{}', not holding or input", space)};
  }
  key.space = space == "input" ? models::Space::kInput : models::Space::kHolding;
  key.address = integer<std::uint16_t>(object, "address", 0, 0xFFFF);
  return key;
}

Sequence sequence_of(const json& object) {
  Sequence sequence{integer<std::uint16_t>(object, "begin", 0, 0xFFFF),
                    integer<std::uint16_t>(object, "commit", 0, 0xFFFF), std::nullopt};
  if (const auto it = object.find("progress"); it != object.end() && !it->is_null()) {
    sequence.progress = integer<std::uint16_t>(object, "progress", 0, 0xFFFF);
  }
  return sequence;
}

json progress_of(const Sequence& sequence) {
  return sequence.progress ? json(*sequence.progress) : json(nullptr);
}

JournalHeader header_of(const json& object) {
  const int version = integer<int>(object, "version", 0, 1'000'000);
  if (version != kJournalVersion) {
    throw BadRecord{fmt::format("journal version {}; this mbharness reads version {}", version,
                                kJournalVersion)};
  }
  JournalHeader header;
  header.tool_version = text(object, "tool_version");
  header.command = text(object, "command");
  header.map = text(object, "map");
  header.target = text(object, "target");
  header.unit = integer<std::uint8_t>(object, "unit", 0, 255);
  header.started = text(object, "started");
  return header;
}

JournalRegister register_of(const json& object) {
  JournalRegister entry;
  entry.key = key_of(object);
  entry.name = text(object, "name");
  entry.safety = text(object, "safety");
  entry.registers = integer<std::uint16_t>(object, "registers", 1, 125);
  entry.original = words(object, "original");
  if (entry.original.size() != entry.registers) {
    throw BadRecord{"\"original\" does not hold \"registers\" values"};
  }
  const std::string write = text(object, "write");
  if (write != "fc06" && write != "fc16") throw BadRecord{"\"write\" is neither fc06 nor fc16"};
  entry.multiple = write == "fc16";
  entry.read_only = field(object, "read_only").is_boolean() && object["read_only"].get<bool>();
  const std::string kind = text(object, "restore");
  if (kind == "command") {
    entry.kind = RestoreKind::kCommand;
  } else if (kind == "clock") {
    entry.kind = RestoreKind::kClock;
  } else if (kind != "value") {
    throw BadRecord{fmt::format("\"restore\" is '{}', not value, command or clock", kind)};
  }
  if (const json& none = field(object, "no_command"); !none.is_null()) {
    entry.no_command = integer<std::uint16_t>(object, "no_command", 0, 0xFFFF);
  }
  if (const json& sequence = field(object, "sequence"); !sequence.is_null()) {
    if (!sequence.is_object()) throw BadRecord{"\"sequence\" is not an object"};
    entry.sequence = sequence_of(sequence);
  }
  entry.read_at = integer<std::int64_t>(object, "read_at", 0, INT64_MAX);
  if (const auto it = object.find("writing"); it != object.end() && !it->is_null()) {
    entry.written = words(object, "writing");
  }
  return entry;
}

// Folds one record into the state.
void apply(const json& object, JournalState& state) {
  if (object.contains("journal")) {
    state.runs.push_back(header_of(object));
    state.ended = false;
    return;
  }
  const std::string event = text(object, "event");
  auto pending = [&](const RegisterKey& key) {
    return std::ranges::find(state.pending, key, &JournalRegister::key);
  };
  if (event == "original") {
    JournalRegister entry = register_of(object);
    ++state.registers_journalled;
    // Journalled again without being restored: the first original is the one to put back.
    if (pending(entry.key) == state.pending.end()) state.pending.push_back(std::move(entry));
  } else if (event == "written") {
    const auto key = key_of(object);
    if (auto it = pending(key); it != state.pending.end()) it->written = words(object, "value");
  } else if (event == "restored") {
    const auto key = key_of(object);
    if (auto it = pending(key); it != state.pending.end()) state.pending.erase(it);
  } else if (event == "not_restored") {
    key_of(object);  // checked; the register stays to restore
  } else if (event == "sequence_open" || event == "sequence_closed") {
    OpenSequence open{text(object, "target"), integer<std::uint8_t>(object, "unit", 0, 255),
                      sequence_of(object)};
    const auto same = [&](const OpenSequence& o) {
      return o.target == open.target && o.unit == open.unit && o.sequence == open.sequence;
    };
    std::erase_if(state.open_sequences, same);
    if (event == "sequence_open") state.open_sequences.push_back(std::move(open));
  } else if (event == "end") {
    state.ended = true;
  } else {
    throw BadRecord{fmt::format("unknown event '{}'", event)};
  }
}

}  // namespace

Result<JournalState, std::string> read_journal(std::string_view text) {
  JournalState state;
  std::size_t number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    ++number;
    if (end == std::string_view::npos) {
      if (number == 1) {
        return fail(std::string(
            "not an mbharness write journal: its first line (the header) is not complete"));
      }
      state.last_line_cut = true;  // the machine died while writing it: never acted on
      break;
    }
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    const json object = json::parse(line, nullptr, false);
    if (number == 1) {
      if (!object.is_object() || !object.contains("journal") || !object["journal"].is_string() ||
          object["journal"].get<std::string>() != kJournalMagic) {
        return fail(
            std::string("not an mbharness write journal: its first line is not a "
                        "journal header ({\"journal\":\"mbharness write journal\",...})"));
      }
    }
    if (!object.is_object()) {
      ++state.damaged_lines;
      continue;
    }
    try {
      apply(object, state);
    } catch (const BadRecord& bad) {
      if (number == 1) return fail(fmt::format("line 1, the journal header: {}", bad.why));
      ++state.damaged_lines;
    } catch (const json::exception&) {
      ++state.damaged_lines;
    }
  }
  if (number == 0) return fail(std::string("not an mbharness write journal: the file is empty"));
  return state;
}

std::string header_line(const JournalHeader& header) {
  return line_of({{"journal", kJournalMagic},
                  {"version", kJournalVersion},
                  {"tool_version", header.tool_version},
                  {"command", header.command},
                  {"map", header.map},
                  {"target", header.target},
                  {"unit", header.unit},
                  {"started", header.started}});
}

std::string original_line(const JournalRegister& entry) {
  json object = key_object("original", entry.key);
  object["name"] = entry.name;
  object["safety"] = entry.safety;
  object["registers"] = entry.registers;
  object["original"] = entry.original;
  object["write"] = entry.multiple ? "fc16" : "fc06";
  object["read_only"] = entry.read_only;
  object["restore"] = kind_text(entry.kind);
  object["no_command"] = entry.no_command ? json(*entry.no_command) : json(nullptr);
  object["sequence"] = entry.sequence ? json{{"begin", entry.sequence->begin},
                                             {"commit", entry.sequence->commit},
                                             {"progress", progress_of(*entry.sequence)}}
                                      : json(nullptr);
  object["read_at"] = entry.read_at;
  object["writing"] = entry.written ? json(*entry.written) : json(nullptr);
  return line_of(object);
}

std::string written_line(const RegisterKey& key, std::span<const std::uint16_t> value) {
  json object = key_object("written", key);
  object["value"] = std::vector<std::uint16_t>(value.begin(), value.end());
  return line_of(object);
}

std::string restored_line(const RegisterKey& key, std::string_view how) {
  json object = key_object("restored", key);
  object["how"] = how;
  return line_of(object);
}

std::string not_restored_line(const RegisterKey& key, std::string_view why) {
  json object = key_object("not_restored", key);
  object["why"] = why;
  return line_of(object);
}

std::string sequence_open_line(const std::string& target, std::uint8_t unit, Sequence sequence) {
  return line_of({{"event", "sequence_open"},
                  {"target", target},
                  {"unit", unit},
                  {"begin", sequence.begin},
                  {"commit", sequence.commit},
                  {"progress", progress_of(sequence)}});
}

std::string sequence_closed_line(const std::string& target, std::uint8_t unit, Sequence sequence,
                                 bool committed) {
  return line_of({{"event", "sequence_closed"},
                  {"target", target},
                  {"unit", unit},
                  {"begin", sequence.begin},
                  {"commit", sequence.commit},
                  {"progress", progress_of(sequence)},
                  {"how", committed ? "commit" : "rollback"}});
}

std::string end_line() {
  return line_of({{"event", "end"}});
}

std::string register_text(const JournalRegister& entry) {
  if (entry.name.empty())
    return fmt::format("{} {}", space_text(entry.key.space), entry.key.address);
  return fmt::format("{} {} '{}'", space_text(entry.key.space), entry.key.address, entry.name);
}

}  // namespace mbh::journal
