// The built-in maps are the map files in models/map_files, compiled in as they are written, and
// each file is laid out as `maps NAME --json` prints it: one line per row, nothing the loader
// would not print back.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "models/builtin_map_texts.hpp"
#include "models/builtin_maps.hpp"
#include "models/map_catalog.hpp"
#include "models/map_file.hpp"
#include "models/map_file_text.hpp"

namespace mbh::models {
namespace {

std::string file_text(const std::string& file) {
  std::ifstream in(std::filesystem::path(MBH_MAP_FILES_DIR) / file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "line 12: ... | ...": the first line where two texts differ, so a failure names the row.
std::string first_difference(std::string_view a, std::string_view b) {
  std::size_t line = 1;
  while (!a.empty() || !b.empty()) {
    const std::string_view la = a.substr(0, a.find('\n'));
    const std::string_view lb = b.substr(0, b.find('\n'));
    if (la != lb)
      return "line " + std::to_string(line) + ":\n  " + std::string(la) + "\n  " + std::string(lb);
    a.remove_prefix(std::min(a.size(), la.size() + 1));
    b.remove_prefix(std::min(b.size(), lb.size() + 1));
    ++line;
  }
  return "the same";
}

TEST(BuiltInMapFiles, AreCompiledInAsWritten) {
  const auto texts = builtin_map_texts();
  ASSERT_EQ(texts.size(), 3U);
  const char* files[] = {"conext-bms.json", "conext-ags.json", "enapter-el21.json"};
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(texts[i].file, files[i]);
    const std::string on_disk = file_text(files[i]);
    ASSERT_FALSE(on_disk.empty()) << files[i];
    EXPECT_TRUE(texts[i].text == on_disk) << files[i] << " differs from what is compiled in at "
                                          << first_difference(texts[i].text, on_disk);
  }
}

TEST(BuiltInMapFiles, AreTheCatalogueInItsOrder) {
  const auto maps = all_maps();
  ASSERT_EQ(maps.size(), 3U);
  EXPECT_EQ(maps[0]->id, "conext-bms");
  EXPECT_EQ(maps[1]->id, "conext-ags");
  EXPECT_EQ(maps[2]->id, "enapter-el21");
  EXPECT_EQ(maps[0], &conext_bms_map());
  EXPECT_EQ(maps[2], &enapter_el21_map());
}

TEST(BuiltInMapFiles, AreLaidOutAsMapsJsonPrintsThem) {
  for (const BuiltinMapText& text : builtin_map_texts()) {
    const auto loaded = load_map_text(text.text, text.file);
    ASSERT_TRUE(loaded) << loaded.error().text();
    // A field the loader dropped, a default written out or a row on two lines shows here.
    const std::string printed = map_file_text(loaded.value()->map());
    EXPECT_TRUE(printed == text.text) << text.file << " is not as `maps --json` prints it, at "
                                      << first_difference(printed, text.text);
  }
}

}  // namespace
}  // namespace mbh::models
