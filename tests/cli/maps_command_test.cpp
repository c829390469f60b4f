#include "harness/cli/maps_command.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "harness/cli/exit_status.hpp"
#include "models/map_catalog.hpp"

namespace mbh::cli {
namespace {

struct Run {
  int status;
  std::string out;
  std::string err;
};

Run maps_ran(MapsOptions options) {
  std::ostringstream out;
  std::ostringstream err;
  const int status = run_maps(options, out, err);
  return {status, out.str(), err.str()};
}

TEST(MapsCommand, ListsTheThreeMaps) {
  const auto listed = maps_ran({});
  EXPECT_EQ(listed.status, kOk);
  for (const char* id : {"conext-bms", "conext-ags", "enapter-el21"}) {
    EXPECT_NE(listed.out.find(id), std::string::npos) << id;
  }
  const auto printed = nlohmann::json::parse(maps_ran({std::nullopt, true}).out);
  EXPECT_EQ(printed["maps"].size(), 3U);
}

TEST(MapsCommand, PrintsEveryRowOfAModelAsInterfaceMdDescribes) {
  for (const auto* map : models::all_maps()) {
    SCOPED_TRACE(map->id);
    const auto result = maps_ran({std::string(map->id), true});
    ASSERT_EQ(result.status, kOk);
    const auto printed = nlohmann::json::parse(result.out);
    ASSERT_EQ(printed["rows"].size(), map->rows.size());
    for (std::size_t i = 0; i < map->rows.size(); ++i) {
      const auto& row = printed["rows"][i];
      for (const char* key :
           {"space", "address", "name", "type", "access", "units", "scale", "offset"}) {
        EXPECT_TRUE(row.contains(key)) << key;
      }
      EXPECT_EQ(row["address"], map->rows[i].address);
      EXPECT_EQ(row["name"], map->rows[i].name);
      EXPECT_EQ(row.contains("enum"), !map->rows[i].enums.empty());
      EXPECT_TRUE(row["access"] == "r" || row["access"] == "rw");
      EXPECT_TRUE(row["space"] == "holding" || row["space"] == "input");
    }
    EXPECT_EQ(printed["rules"].size(), 17U);
  }
}

TEST(MapsCommand, ShowsEnumValuesWithTheirNames) {
  const auto printed = nlohmann::json::parse(maps_ran({std::string("conext-bms"), true}).out);
  bool found = false;
  for (const auto& row : printed["rows"]) {
    if (row["name"] == "Battery Type") {
      EXPECT_EQ(row["enum"]["4"], "Lithium-Ion");
      EXPECT_EQ(row["type"], "uint16");
      found = true;
    }
  }
  EXPECT_TRUE(found);
  const auto text = maps_ran({std::string("conext-bms"), false});
  EXPECT_NE(text.out.find("4=Lithium-Ion"), std::string::npos);
  EXPECT_NE(text.out.find("R-PARTIAL-32"), std::string::npos);
}

// What a run will do with a command register is on its row: an order never written back, and
// the value put back afterwards where there is one; and the map's word order in the header.
TEST(MapsCommand, ShowsCommandRegistersAndTheWordOrder) {
  const auto text = maps_ran({std::string("conext-ags"), false}).out;
  const auto line_of = [&](std::string_view name) {
    const auto at = text.find(name);
    return at == std::string::npos ? std::string() : text.substr(at, text.find('\n', at) - at);
  };
  EXPECT_TRUE(line_of("Reset  ").ends_with("[destructive, command]")) << line_of("Reset  ");
  EXPECT_TRUE(line_of("Clear  ").ends_with("[destructive, command; no command = 0]"));
  EXPECT_TRUE(
      line_of("Refresh Configuration Data").ends_with("[actuating, command; no command = 0]"));
  EXPECT_TRUE(line_of("Generator Mode").ends_with("[actuating]")) << line_of("Generator Mode");
  EXPECT_NE(text.find("numbers of several registers high word first"), std::string::npos);
}

TEST(MapsCommand, AnUnknownMapIsAUsageError) {
  const auto result = maps_ran({std::string("modicon"), false});
  EXPECT_EQ(result.status, kUsage);
  EXPECT_NE(result.err.find("unknown map 'modicon'"), std::string::npos);
  EXPECT_TRUE(result.out.empty());
}

}  // namespace
}  // namespace mbh::cli
