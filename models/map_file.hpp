#pragma once
// Register maps from JSON files (INTERFACE.md "Map files"): the form `maps NAME --json`
// prints, read back into a RegisterMap. A file that breaks the form is refused with the line,
// column and field at fault, never loaded with a guess: a typo must not become a default.
#include <array>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "harness/codec/result.hpp"
#include "models/register_map.hpp"

namespace mbh::models {

// Files larger than this are refused unread: the largest built-in map prints 34 KiB.
inline constexpr std::size_t kMaxMapFileBytes = std::size_t{16} << 20;

struct MapFileError {
  std::string file;
  std::size_t line;    // 1-based; 0 where the file could not be read at all
  std::size_t column;  // 1-based, in bytes; 0 with line 0
  std::string field;   // "rows[3].type", "configuration.begin"; "" for the whole file
  std::string message;

  // "m.json:12:17: rows[3].type: unknown type ..." ("m.json: ..." where line is 0).
  std::string text() const;
};

// A loaded map and all the storage its RegisterMap's views point into: names, enum and bit
// lists, rows, blocks, rules, the rows sorted by address. Neither copied nor moved, so that
// the views stay good; held by pointer.
class LoadedMap {
 public:
  LoadedMap(const LoadedMap&) = delete;
  LoadedMap& operator=(const LoadedMap&) = delete;
  ~LoadedMap() = default;

  const RegisterMap& map() const { return map_; }

 private:
  friend class MapFileReader;
  LoadedMap() = default;

  std::deque<std::string> strings_;  // a deque: adding one never moves the others
  std::deque<std::vector<EnumEntry>> enums_;
  std::deque<std::vector<BitEntry>> bits_;
  std::vector<RegisterRow> rows_;
  std::vector<Block> blocks_;
  std::vector<RuleApplication> rules_;
  std::vector<std::uint8_t> functions_;
  std::array<std::vector<const RegisterRow*>, 2> rows_by_address_;  // by Space
  RegisterMap map_{};
};

using LoadedMapResult = Result<std::unique_ptr<const LoadedMap>, MapFileError>;

// Reads a map from `text`; `file_name` only names it in errors. Pure: no I/O, and no input
// makes it throw or crash.
LoadedMapResult load_map_text(std::string_view text, std::string_view file_name);

// Reads the file (refused with line 0 where it cannot be opened, is a directory or is larger
// than kMaxMapFileBytes), then load_map_text.
LoadedMapResult load_map_file(const std::filesystem::path& path);

}  // namespace mbh::models
