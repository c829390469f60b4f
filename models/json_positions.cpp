#include "models/json_positions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace mbh::models {

namespace {

// nlohmann's SAX events say what was read, not where: this iterator counts the bytes the
// parser has taken from the text, so each event knows where the parser stands.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, std::size_t* consumed) : at_(at), consumed_(consumed) {}
  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    ++at_;
    ++*consumed_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  bool operator==(const CountingIterator& other) const { return at_ == other.at_; }

 private:
  const char* at_;
  std::size_t* consumed_;
};

bool plain_key(std::string_view key) {
  return !key.empty() && std::ranges::all_of(key, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

}  // namespace

// The SAX handler: between two events the text holds only whitespace, ',' and ':', so a key
// or value starts at the first other byte after the previous event's token ends.
class PositionRecorder {
 public:
  using json = nlohmann::json;

  PositionRecorder(std::string_view text, const std::size_t* consumed, std::size_t max_depth,
                   std::size_t recorded_depth, JsonPositions& out)
      : text_(text),
        consumed_(consumed),
        max_depth_(max_depth),
        recorded_depth_(recorded_depth),
        out_(out) {
    // The parser skips a UTF-8 byte order mark before the first value.
    if (text_.starts_with("\xEF\xBB\xBF")) previous_end_ = 3;
  }

  bool null() { return value(); }
  bool boolean(bool /*unused*/) { return value(); }
  bool number_integer(json::number_integer_t /*unused*/) { return number(); }
  bool number_unsigned(json::number_unsigned_t /*unused*/) { return number(); }
  bool number_float(json::number_float_t /*unused*/, const json::string_t& /*unused*/) {
    return number();
  }
  bool string(json::string_t& /*unused*/) { return value(); }
  bool binary(json::binary_t& /*unused*/) { return value(); }
  bool start_object(std::size_t /*unused*/) { return value() && open(false); }
  bool start_array(std::size_t /*unused*/) { return value() && open(true); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& key) {
    const std::size_t start = token_start();
    if (frames_.size() != depth_) return true;  // below the recorded depth
    Frame& frame = frames_.back();
    std::string path = member_path(frame.path, key);
    // A path names one place (member_path quotes keys that could pass for several), and no
    // key starts at offset 0: a path whose key was seen is a key given twice.
    JsonPositions::Where& where = out_.where_[path];
    if (where.key != 0) {
      const auto first = position_at(text_, where.key);
      return refuse(start, fmt::format("duplicate key {} (first at line {}, column {})",
                                       quoted_text(key), first.line, first.column));
    }
    where.key = start;
    frame.pending = std::move(path);
    return true;
  }

  bool parse_error(std::size_t chars_read, const std::string& /*last_token*/,
                   const nlohmann::json::exception& error) {
    // chars_read counts the byte the parser failed at (or the end of the text), often the
    // last byte of the token at fault: the token's start is shown, as for a field, unless
    // the fault is a separator (a second ',') before it.
    const std::size_t failed = chars_read == 0 ? 0 : chars_read - 1;
    return refuse(std::min(skip_separators(previous_end_), failed),
                  "invalid JSON: " + parser_message(error.what()));
  }

  const std::optional<JsonSyntaxError>& error() const { return error_; }

 private:
  struct Frame {
    bool array;
    std::string path;
    std::size_t next_index = 0;
    std::string pending;  // the path of the value the last key names
  };

  std::size_t skip_separators(std::size_t at) const {
    while (at < text_.size() &&
           std::string_view(" \t\r\n,:").find(text_[at]) != std::string_view::npos) {
      ++at;
    }
    return at;
  }

  // Where the token of the event being handled starts; its end is where the parser stands.
  std::size_t token_start() {
    const std::size_t at = skip_separators(previous_end_);
    previous_end_ = *consumed_;
    return at;
  }

  // The parser reads one byte past a number to see where it ends: its end is found in the
  // text instead, by JSON's number grammar, so that the byte past it is not taken for part of
  // it ("[1-2]": the number is "1", and the fault starts at "-").
  bool number() {
    std::size_t at = skip_separators(previous_end_);
    const bool recorded = value();
    const auto is = [this, &at](char c) { return at < text_.size() && text_[at] == c; };
    const auto digits = [this, &at] {
      while (at < text_.size() && text_[at] >= '0' && text_[at] <= '9')
        ++at;
    };
    if (is('-')) ++at;
    if (is('0')) {
      ++at;
    } else {
      digits();
    }
    if (is('.')) {
      ++at;
      digits();
    }
    if (is('e') || is('E')) {
      ++at;
      if (is('+') || is('-')) ++at;
      digits();
    }
    previous_end_ = at;
    return recorded;
  }

  // Every value, containers included: records where it starts under its path.
  bool value() {
    const std::size_t start = token_start();
    if (frames_.size() != depth_) return true;  // below the recorded depth
    std::string path;
    if (!frames_.empty()) {
      Frame& parent = frames_.back();
      path = parent.array ? element_path(parent.path, parent.next_index++) : parent.pending;
    }
    out_.where_[path].value = start;
    current_ = std::move(path);
    return true;
  }

  bool open(bool array) {
    if (depth_ == max_depth_) {
      return refuse(previous_end_ == 0 ? 0 : previous_end_ - 1,
                    fmt::format("nested deeper than {} levels", max_depth_));
    }
    if (frames_.size() == depth_ && depth_ < recorded_depth_) {
      frames_.push_back(Frame{array, std::move(current_), 0, {}});
    }
    ++depth_;
    return true;
  }

  bool close() {
    token_start();
    if (frames_.size() == depth_) frames_.pop_back();
    --depth_;
    return true;
  }

  bool refuse(std::size_t offset, std::string message) {
    error_ = JsonSyntaxError{std::min(offset, text_.size()), std::move(message)};
    return false;
  }

  // nlohmann's what(): "[json.exception.parse_error.101] parse error at line 1, column 2:
  // syntax error while parsing value - ..."; the position is given separately, so only the
  // reason is kept.
  static std::string parser_message(std::string_view what) {
    if (const auto bracket = what.find("] "); bracket != std::string_view::npos) {
      what.remove_prefix(bracket + 2);
    }
    if (what.starts_with("parse error")) {
      if (const auto colon = what.find(": "); colon != std::string_view::npos) {
        what.remove_prefix(colon + 2);
      }
    }
    return std::string(what);
  }

  std::string_view text_;
  const std::size_t* consumed_;
  std::size_t max_depth_;
  std::size_t recorded_depth_;
  JsonPositions& out_;
  std::size_t previous_end_ = 0;
  std::size_t depth_ = 0;      // containers open
  std::vector<Frame> frames_;  // the open containers down to the recorded depth
  std::string current_;        // the path of the value last seen
  std::optional<JsonSyntaxError> error_;
};

TextPosition position_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const auto before = text.substr(0, offset);
  const auto line = 1 + static_cast<std::size_t>(std::ranges::count(before, '\n'));
  const auto newline = before.rfind('\n');
  const std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  return {line, offset - line_start + 1};
}

std::string member_path(std::string_view parent, std::string_view key) {
  std::string name = plain_key(key) ? std::string(key) : quoted_text(key);
  if (parent.empty()) return name;
  return fmt::format("{}.{}", parent, name);
}

std::string element_path(std::string_view parent, std::size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

Result<JsonPositions, JsonSyntaxError> JsonPositions::scan(std::string_view text,
                                                           std::size_t max_depth,
                                                           std::size_t recorded_depth) {
  // nlohmann's lexer takes a NUL byte for the end of the text and would ignore what follows;
  // JSON holds none outside strings, and none raw inside them.
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    return fail(JsonSyntaxError{nul, "invalid JSON: a NUL byte"});
  }
  JsonPositions positions;
  std::size_t consumed = 0;
  PositionRecorder recorder(text, &consumed, max_depth, recorded_depth, positions);
  const CountingIterator first(text.data(), &consumed);
  const CountingIterator last(text.data() + text.size(), &consumed);
  const bool parsed = nlohmann::json::sax_parse(first, last, &recorder);
  if (!parsed || recorder.error()) {
    // A handler that stops the parser always says why; the fallback is for safety only.
    return fail(recorder.error().value_or(JsonSyntaxError{0, "not JSON"}));
  }
  return positions;
}

std::size_t JsonPositions::value_offset(const std::string& path) const {
  const auto it = where_.find(path);
  return it == where_.end() ? 0 : it->second.value;
}

std::size_t JsonPositions::key_offset(const std::string& path) const {
  const auto it = where_.find(path);
  return it == where_.end() ? 0 : it->second.key;
}

std::string quoted_text(std::string_view text, std::size_t max_chars) {
  std::string out = "\"";
  std::size_t taken = 0;
  for (const char c : text) {
    // Cut only before a UTF-8 lead byte, so that no character is split.
    if (taken >= max_chars && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      return out + "...\"";
    }
    ++taken;
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out + '"';
}

}  // namespace mbh::models
