// The catalog's lookups on hand-picked addresses, and the structural properties every map
// must have for the conformance suites to rely on it.
#include "models/map_catalog.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/builtin_maps.hpp"

namespace mbh::models {
namespace {

constexpr Space kH = Space::kHolding;
constexpr Space kI = Space::kInput;

std::string_view name_at(const RegisterMap& map, Space space, std::uint16_t address) {
  const RegisterRow* row = row_at(map, space, address);
  return row == nullptr ? std::string_view("(none)") : row->name;
}

std::size_t last_of(const RegisterRow& row) {
  return std::size_t{row.address} + row.type.register_count() - 1;
}

// --- catalog -------------------------------------------------------------------------------------

TEST(MapCatalog, HoldsTheThreeMapsInOrder) {
  const auto maps = all_maps();
  ASSERT_EQ(maps.size(), 3u);
  EXPECT_EQ(maps[0], &conext_bms_map());
  EXPECT_EQ(maps[1], &conext_ags_map());
  EXPECT_EQ(maps[2], &enapter_el21_map());
}

TEST(MapCatalog, FindsMapsById) {
  EXPECT_EQ(find_map("conext-bms"), &conext_bms_map());
  EXPECT_EQ(find_map("conext-ags"), &conext_ags_map());
  EXPECT_EQ(find_map("enapter-el21"), &enapter_el21_map());
  EXPECT_EQ(find_map(""), nullptr);
  EXPECT_EQ(find_map("conext"), nullptr);
  EXPECT_EQ(find_map("Conext-BMS"), nullptr);
}

// --- row_at --------------------------------------------------------------------------------------

TEST(RowAt, BothHalvesOfEvery32BitValueGiveItsRow) {
  for (const RegisterMap* map : all_maps()) {
    for (const RegisterRow& row : map->rows) {
      if (row.type.register_count() != 2) continue;
      SCOPED_TRACE(std::string(map->id) + " " + std::string(row.name));
      EXPECT_EQ(row_at(*map, row.space, row.address), &row);
      EXPECT_EQ(row_at(*map, row.space, static_cast<std::uint16_t>(row.address + 1)), &row);
    }
  }
}

TEST(RowAt, ConextBmsHandPicked) {
  const RegisterMap& bms = conext_bms_map();
  EXPECT_EQ(name_at(bms, kH, 40000), "Start Marker");
  EXPECT_EQ(name_at(bms, kH, 40001), "Start Marker");
  EXPECT_EQ(name_at(bms, kH, 40084), "Full Charge Cycle Count");
  EXPECT_EQ(name_at(bms, kH, 40085), "Full Charge Cycle Count");
  EXPECT_EQ(name_at(bms, kH, 40094), "Warranty Date");
  EXPECT_EQ(name_at(bms, kH, 40095), "Warranty Date");
  EXPECT_EQ(name_at(bms, kH, 40096), "Alarm Event Map 1");
  EXPECT_EQ(name_at(bms, kH, 40097), "Alarm Event Map 1");
  EXPECT_EQ(name_at(bms, kH, 40099), "Vendor Event 2 Bitfield");
  EXPECT_EQ(name_at(bms, kH, 40101), "Fault Status Bitmap 0");
  EXPECT_EQ(name_at(bms, kH, 40103), "Warning Status Bitmap 0");
  // Strings: the whole extent belongs to the row; 40020 starts the second "Manufacturer Name".
  EXPECT_EQ(row_at(bms, kH, 40019)->address, 40004);
  EXPECT_EQ(row_at(bms, kH, 40020)->address, 40020);
  EXPECT_EQ(row_at(bms, kH, 40035)->address, 40020);
  EXPECT_EQ(name_at(bms, kH, 40043), "Options");
  EXPECT_EQ(name_at(bms, kH, 40067), "Serial Number");
  EXPECT_EQ(name_at(bms, kH, 40068), "Modbus Address");
  EXPECT_EQ(name_at(bms, kH, 40141), "End Marker 0");
  // Outside the map, and the space it does not have.
  EXPECT_EQ(row_at(bms, kH, 39999), nullptr);
  EXPECT_EQ(row_at(bms, kH, 40142), nullptr);
  EXPECT_EQ(row_at(bms, kH, 0), nullptr);
  EXPECT_EQ(row_at(bms, kI, 40000), nullptr);
}

TEST(RowAt, ConextAgsHandPicked) {
  const RegisterMap& ags = conext_ags_map();
  EXPECT_EQ(name_at(ags, kH, 0x0000), "Device Name");
  EXPECT_EQ(name_at(ags, kH, 0x0007), "Device Name");
  EXPECT_EQ(name_at(ags, kH, 0x0013), "FGA Number");
  EXPECT_EQ(name_at(ags, kH, 0x0014), "Unique ID Number");
  EXPECT_EQ(name_at(ags, kH, 0x0015), "Unique ID Number");
  EXPECT_EQ(name_at(ags, kH, 0x001E), "Firmware Version");
  EXPECT_EQ(name_at(ags, kH, 0x001F), "Firmware Version");
  EXPECT_EQ(name_at(ags, kH, 0x0034), "Hardware Serial Number");
  EXPECT_EQ(name_at(ags, kH, 0x0037), "Configuration Refresh Counter");
  EXPECT_EQ(name_at(ags, kH, 0x004B), "Configuration Errors");
  EXPECT_EQ(name_at(ags, kH, 0x0075), "AC Current Level to Stop");
  EXPECT_EQ(name_at(ags, kH, 0x0077), "AC Current Level to Start");
  EXPECT_EQ(name_at(ags, kH, 0x0079), "Starting Battery Voltage (30 Seconds)");
  EXPECT_EQ(name_at(ags, kH, 0x007B), "Starting Battery Voltage (15 Minutes)");
  EXPECT_EQ(name_at(ags, kH, 0x007D), "Starting Battery Voltage (2 Hours)");
  EXPECT_EQ(name_at(ags, kH, 0x007F), "Starting Battery Voltage (24 Hours)");
  EXPECT_EQ(name_at(ags, kH, 0x0081), "Stop Voltage");
  EXPECT_EQ(name_at(ags, kH, 0x0089), "Identify Enable");
  const std::uint16_t gaps[] = {0x0016, 0x001D, 0x0020, 0x0027, 0x0038, 0x003F,
                                0x005C, 0x005D, 0x005E, 0x008A, 0xFFFF};
  for (const std::uint16_t gap : gaps) {
    EXPECT_EQ(row_at(ags, kH, gap), nullptr) << gap;
  }
  EXPECT_EQ(row_at(ags, kI, 0x0000), nullptr);
}

TEST(RowAt, EnapterHandPicked) {
  const RegisterMap& el = enapter_el21_map();
  EXPECT_EQ(name_at(el, kH, 0), "Unix Time");
  EXPECT_EQ(name_at(el, kH, 3), "Unix Time");
  EXPECT_EQ(name_at(el, kH, 1003), "Production Rate [%]");
  EXPECT_EQ(name_at(el, kH, 4021), "Ethernet IP Address");
  EXPECT_EQ(name_at(el, kH, 4023), "Ethernet IP Netmask");
  EXPECT_EQ(name_at(el, kH, 4025), "Ethernet Gateway IP Address");
  EXPECT_EQ(name_at(el, kH, 4311), "Restart Pressure (Outlet)");
  EXPECT_EQ(name_at(el, kH, 4397), "Default Production Rate [%]");
  EXPECT_EQ(name_at(el, kI, 1), "Device Model");
  EXPECT_EQ(name_at(el, kI, 5), "Firmware Build Number");
  EXPECT_EQ(name_at(el, kI, 13), "Device Control Board Serial Number");
  EXPECT_EQ(name_at(el, kI, 17), "Cabinet (Chassis) Serial Number");
  EXPECT_EQ(name_at(el, kI, 21), "Live time [seconds]");
  EXPECT_EQ(name_at(el, kI, 23), "Uptime [seconds]");
  EXPECT_EQ(name_at(el, kI, 768), "Warning Events Array");
  EXPECT_EQ(name_at(el, kI, 831), "Warning Events Array");
  EXPECT_EQ(name_at(el, kI, 832), "Error Events Array");
  EXPECT_EQ(name_at(el, kI, 895), "Error Events Array");
  EXPECT_EQ(name_at(el, kI, 1009), "H2 Flow Rate");
  EXPECT_EQ(name_at(el, kI, 4003), "Last Configuration Result");
  EXPECT_EQ(name_at(el, kI, 7521), "Downstream Temperature (TT106_in_c)");
  EXPECT_EQ(name_at(el, kI, 8005), "Stack Current Raw Sensor Value (HASS_in_v)");
  // The same address means different rows in the two spaces.
  EXPECT_EQ(name_at(el, kH, 4000), "Configuration Begin");
  EXPECT_EQ(name_at(el, kI, 4000), "Configuration Progress");
  const std::uint16_t holding_gaps[] = {7,    999,  1001, 1004, 1009, 1011, 3999,
                                        4002, 4019, 4026, 4307, 4312, 4395, 4398};
  for (const std::uint16_t gap : holding_gaps) {
    EXPECT_EQ(row_at(el, kH, gap), nullptr) << "holding " << gap;
  }
  const std::uint16_t input_gaps[] = {19,   24,   767,  896,  999,  1010, 4005,
                                      7001, 7012, 7499, 7522, 7999, 8006};
  for (const std::uint16_t gap : input_gaps) {
    EXPECT_EQ(row_at(el, kI, gap), nullptr) << "input " << gap;
  }
}

// --- block_of ------------------------------------------------------------------------------------

TEST(BlockOf, ConextBmsSplitsAtEveryTableEdge) {
  const RegisterMap& bms = conext_bms_map();
  // Each pair straddles a split (RULES.md "BMS block splits"): the block of the lower address
  // ends there, the block of the higher one starts there.
  const std::uint16_t splits[][2] = {{40001, 40002}, {40069, 40070}, {40078, 40079},
                                     {40115, 40116}, {40133, 40134}, {40139, 40140}};
  for (const auto& split : splits) {
    SCOPED_TRACE(std::to_string(split[0]) + "/" + std::to_string(split[1]));
    const Block* below = block_of(bms, kH, split[0]);
    const Block* above = block_of(bms, kH, split[1]);
    ASSERT_NE(below, nullptr);
    ASSERT_NE(above, nullptr);
    EXPECT_NE(below, above);
    EXPECT_EQ(below->last, split[0]);
    EXPECT_EQ(above->first, split[1]);
  }
  EXPECT_EQ(block_of(bms, kH, 40000)->name, "Start Marker");
  EXPECT_EQ(block_of(bms, kH, 40036)->name, "Common Base Model");
  EXPECT_EQ(block_of(bms, kH, 40136)->name, "BMS Custom Map");
  EXPECT_EQ(block_of(bms, kH, 40141)->name, "End Marker");
  EXPECT_EQ(block_of(bms, kH, 40078), block_of(bms, kH, 40070));
  EXPECT_EQ(block_of(bms, kH, 40115), block_of(bms, kH, 40079));
  EXPECT_EQ(block_of(bms, kH, 40133), block_of(bms, kH, 40116));
  EXPECT_EQ(block_of(bms, kH, 39999), nullptr);
  EXPECT_EQ(block_of(bms, kH, 40142), nullptr);
  EXPECT_EQ(block_of(bms, kI, 40000), nullptr);
}

TEST(BlockOf, ConextAgsGapEdges) {
  const RegisterMap& ags = conext_ags_map();
  const std::uint16_t gaps[][2] = {
      {0x0016, 0x001D}, {0x0020, 0x0027}, {0x0038, 0x003F}, {0x005C, 0x005E}};
  for (const auto& gap : gaps) {
    SCOPED_TRACE(std::to_string(gap[0]) + ".." + std::to_string(gap[1]));
    const Block* before = block_of(ags, kH, static_cast<std::uint16_t>(gap[0] - 1));
    const Block* after = block_of(ags, kH, static_cast<std::uint16_t>(gap[1] + 1));
    ASSERT_NE(before, nullptr);
    ASSERT_NE(after, nullptr);
    EXPECT_EQ(before->last, gap[0] - 1);
    EXPECT_EQ(after->first, gap[1] + 1);
    for (std::uint16_t address = gap[0]; address <= gap[1]; ++address) {
      EXPECT_EQ(block_of(ags, kH, address), nullptr) << address;
    }
  }
  EXPECT_EQ(block_of(ags, kH, 0x0000)->first, 0x0000);
  EXPECT_EQ(block_of(ags, kH, 0x0089)->last, 0x0089);
  EXPECT_EQ(block_of(ags, kH, 0x008A), nullptr);
  // A page-header repeat in the text (before 0x0048, 0x005A, 0x0071) is not a boundary.
  EXPECT_EQ(block_of(ags, kH, 0x0047), block_of(ags, kH, 0x0048));
  EXPECT_EQ(block_of(ags, kH, 0x0059), block_of(ags, kH, 0x005A));
  EXPECT_EQ(block_of(ags, kH, 0x0070), block_of(ags, kH, 0x0071));
}

TEST(BlockOf, EnapterEventArraysAreOneBlockEach) {
  const RegisterMap& el = enapter_el21_map();
  const Block* warnings = block_of(el, kI, 768);
  const Block* errors = block_of(el, kI, 832);
  ASSERT_NE(warnings, nullptr);
  ASSERT_NE(errors, nullptr);
  EXPECT_NE(warnings, errors);
  EXPECT_EQ(warnings->first, 768);
  EXPECT_EQ(warnings->last, 831);
  EXPECT_EQ(errors->first, 832);
  EXPECT_EQ(errors->last, 895);
  EXPECT_EQ(block_of(el, kI, 831), warnings);
  EXPECT_EQ(block_of(el, kI, 895), errors);
  EXPECT_EQ(block_of(el, kI, 767), nullptr);
  EXPECT_EQ(block_of(el, kI, 896), nullptr);
  EXPECT_EQ(block_of(el, kH, 768), nullptr);
  EXPECT_EQ(row_at(el, kI, 800)->type, codec::kEventArray);
  EXPECT_EQ(row_at(el, kI, 850)->type, codec::kEventArray);
  // Holding 1000 and 1002 are separated by a gap at 1001.
  EXPECT_NE(block_of(el, kH, 1000), nullptr);
  EXPECT_EQ(block_of(el, kH, 1001), nullptr);
  EXPECT_NE(block_of(el, kH, 1000), block_of(el, kH, 1002));
  // Input 18 and 20 likewise, at 19.
  EXPECT_EQ(block_of(el, kI, 18)->last, 18);
  EXPECT_EQ(block_of(el, kI, 19), nullptr);
  EXPECT_EQ(block_of(el, kI, 20)->first, 20);
}

// --- properties of every map ---------------------------------------------------------------------

TEST(EveryMap, RowsAreSortedAndDoNotOverlapWithinASpace) {
  for (const RegisterMap* map : all_maps()) {
    for (const Space space : {kH, kI}) {
      const RegisterRow* previous = nullptr;
      for (const RegisterRow& row : map->rows) {
        if (row.space != space) continue;
        if (previous != nullptr) {
          EXPECT_LT(last_of(*previous), std::size_t{row.address})
              << map->id << ": \"" << previous->name << "\" overlaps or follows \"" << row.name
              << '"';
        }
        EXPECT_LE(last_of(row), 0xFFFFu) << map->id << " " << row.name;
        previous = &row;
      }
    }
  }
}

// row_at looks rows up in the index a loaded map carries; every address of every space must give
// what a scan of the map's rows gives, for the catalogue's map, a copy of it, and a copy whose
// rows were replaced by the same rows in another place (scanned, not the index's old rows).
TEST(EveryMap, RowAtAgreesWithAScanOfTheRowsAtEveryAddress) {
  const auto scanned = [](const RegisterMap& map, Space space,
                          std::uint32_t address) -> const RegisterRow* {
    for (const RegisterRow& row : map.rows) {
      if (row.space == space && row.address <= address && address <= last_of(row)) return &row;
    }
    return nullptr;
  };
  for (const RegisterMap* map : all_maps()) {
    const RegisterMap copy = *map;
    const std::vector<RegisterRow> rows(map->rows.begin(), map->rows.end());
    RegisterMap elsewhere = *map;
    elsewhere.rows = rows;
    for (const Space space : {kH, kI}) {
      for (std::uint32_t address = 0; address <= 0xFFFF; ++address) {
        const auto at = static_cast<std::uint16_t>(address);
        const RegisterRow* expected = scanned(*map, space, address);
        ASSERT_EQ(row_at(*map, space, at), expected) << map->id << " " << address;
        ASSERT_EQ(row_at(copy, space, at), expected) << map->id << " " << address;
        const RegisterRow* other = row_at(elsewhere, space, at);
        ASSERT_EQ(other == nullptr, expected == nullptr) << map->id << " " << address;
        if (other != nullptr) {
          ASSERT_EQ(other - rows.data(), expected - map->rows.data());
        }
      }
    }
  }
}

TEST(EveryMap, WritableRowsCarryASafetyClassAndReason) {
  for (const RegisterMap* map : all_maps()) {
    for (const RegisterRow& row : map->rows) {
      SCOPED_TRACE(std::string(map->id) + " " + std::to_string(row.address) + " " +
                   std::string(row.name));
      if (row.access == Access::kReadWrite) {
        EXPECT_NE(row.safety, SafetyClass::kReadOnly);
        EXPECT_FALSE(row.safety_reason.empty());
      } else {
        EXPECT_EQ(row.safety, SafetyClass::kReadOnly);
        EXPECT_TRUE(row.safety_reason.empty());
      }
      if (row.space == kI) {
        EXPECT_EQ(row.access, Access::kRead);  // input registers: FC 04 only
      }
      // Only Enapter's configuration sequence uses kCommand (RULES.md R-CONFIG).
      if (row.safety == SafetyClass::kCommand) {
        EXPECT_EQ(map->id, "enapter-el21");
      }
    }
  }
}

TEST(EveryMap, EveryRowLiesInsideExactlyOneBlockOfItsSpace) {
  for (const RegisterMap* map : all_maps()) {
    for (const RegisterRow& row : map->rows) {
      int containing = 0;
      for (const Block& block : map->blocks) {
        if (block.space != row.space) continue;
        const bool inside = block.first <= row.address && last_of(row) <= block.last;
        const bool overlaps = block.first <= last_of(row) && row.address <= block.last;
        EXPECT_EQ(inside, overlaps)
            << map->id << ": \"" << row.name << "\" straddles \"" << block.name << '"';
        if (inside) ++containing;
      }
      EXPECT_EQ(containing, 1) << map->id << ": \"" << row.name << '"';
    }
  }
}

TEST(EveryMap, BlocksAreFullyCoveredByRowsAndDoNotOverlap) {
  for (const RegisterMap* map : all_maps()) {
    for (const Block& block : map->blocks) {
      SCOPED_TRACE(std::string(map->id) + " \"" + std::string(block.name) + "\"");
      ASSERT_LE(block.first, block.last);
      // Every address of a block is some row's (R-VALID-READ holds across the whole block).
      for (std::size_t address = block.first; address <= block.last; ++address) {
        EXPECT_NE(row_at(*map, block.space, static_cast<std::uint16_t>(address)), nullptr)
            << address;
      }
      for (const Block& other : map->blocks) {
        if (&other == &block || other.space != block.space) continue;
        EXPECT_TRUE(other.last < block.first || other.first > block.last) << other.name;
      }
    }
  }
}

TEST(EveryMap, IdentityAndEnumerations) {
  for (const RegisterMap* map : all_maps()) {
    SCOPED_TRACE(std::string(map->id));
    EXPECT_FALSE(map->document.empty());
    EXPECT_LE(map->first_unit, map->last_unit);
    EXPECT_NE(map->port, 0);
    for (const RegisterRow& row : map->rows) {
      // RULES.md R-ENUM: Booleans are not enumerated.
      if (row.type == codec::kBoolean) {
        EXPECT_TRUE(row.enums.empty()) << row.name;
      }
      // A row lists values or bits, not both; bits fit the register.
      EXPECT_TRUE(row.enums.empty() || row.bits.empty()) << row.name;
      for (const BitEntry& bit : row.bits) {
        EXPECT_LT(std::size_t{bit.bit}, 16 * row.type.register_count()) << row.name;
      }
      EXPECT_FALSE(row.name.empty());
    }
  }
}

}  // namespace
}  // namespace mbh::models
