#pragma once
// The built-in maps' files (models/map_files/conext-bms.json, conext-ags.json,
// enapter-el21.json) as compiled in: the source is the file, the binary needs no file.
#include <span>
#include <string_view>

namespace mbh::models {

struct BuiltinMapText {
  std::string_view file;  // "conext-bms.json"
  std::string_view text;
};

// conext-bms, conext-ags, enapter-el21, in that order.
std::span<const BuiltinMapText> builtin_map_texts();

}  // namespace mbh::models
