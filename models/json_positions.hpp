#pragma once
// Where each key and value of a JSON text starts, by its path ("rows[3].type"), so that a map
// file refused for one field can be refused at that field's line and column. nlohmann-json
// 3.11 keeps no positions in its DOM: a second, SAX pass over the text records them.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include "harness/codec/result.hpp"

namespace mbh::models {

// 1-based; the column counts bytes.
struct TextPosition {
  std::size_t line;
  std::size_t column;
};

// The position of byte `offset` of `text` (text.size(): just past the last byte).
TextPosition position_at(std::string_view text, std::size_t offset);

// Paths as error messages name fields: `rows`, `rows[3]`, `rows[3].type`, `rows[3].enum.4`.
// A key that is not plain letters, digits, '_' and '-' is quoted (`enum."1.5"`), so that no
// key can pass for a path of several.
std::string member_path(std::string_view parent, std::string_view key);
std::string element_path(std::string_view parent, std::size_t index);

// `text` as an error message shows a key or a string: quoted, escaped (", \ and control
// characters) and, past `max_chars` characters, cut short with "...".
std::string quoted_text(std::string_view text, std::size_t max_chars = std::string_view::npos);

// Why the text is not JSON a map file can be: the byte it failed at, and why.
struct JsonSyntaxError {
  std::size_t offset;
  std::string message;
};

class JsonPositions {
 public:
  // Scans `text` as one JSON value. Refuses what is not JSON (a NUL byte included, which
  // nlohmann would take for the end of the text), a key an object holds twice
  // (the DOM would keep one silently) and nesting deeper than `max_depth` containers. Paths
  // are recorded down to `recorded_depth` containers.
  static Result<JsonPositions, JsonSyntaxError> scan(std::string_view text, std::size_t max_depth,
                                                     std::size_t recorded_depth);

  // The offset where the value at `path` starts, or where its key starts; 0 where the path
  // was not recorded.
  std::size_t value_offset(const std::string& path) const;
  std::size_t key_offset(const std::string& path) const;

 private:
  friend class PositionRecorder;

  struct Where {
    std::size_t key = 0;
    std::size_t value = 0;
  };
  std::unordered_map<std::string, Where> where_;
};

}  // namespace mbh::models
