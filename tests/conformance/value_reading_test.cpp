// What `read` and the value suite share: the plan reads every row of every block whole and
// exactly once, at most 125 registers a read, in as few reads as that allows, on the three
// maps and on generated blocks longer than one read; the readout decodes what each read
// brought, and SunSpec's structure walks the holding registers read from the first one up to
// the first gap.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conformance/value_reading.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "models/map_catalog.hpp"
#include "models/model_text.hpp"

namespace mbh::conformance {
namespace {

using models::Space;

std::uint32_t end_of(const models::RegisterRow& row) {
  return std::uint32_t{row.address} + static_cast<std::uint32_t>(row.type.register_count());
}

std::uint32_t end_of(const ReadRange& range) {
  return std::uint32_t{range.first} + range.quantity;
}

// Why `plan` is not a plan of `map`'s reads, or "".
std::string plan_fault(const models::RegisterMap& map, const std::vector<PlannedRead>& plan) {
  std::size_t at = 0;  // the plan follows the blocks in the map's order
  for (const models::Block& block : map.blocks) {
    const std::size_t first_read = at;
    for (; at < plan.size() && plan[at].block == &block; ++at) {
      const ReadRange& range = plan[at].range;
      if (range.space != block.space) return "a read of another space than its block's";
      if (range.quantity == 0 || range.quantity > codec::kMaxReadRegisters) {
        return "a read of " + std::to_string(range.quantity) + " registers";
      }
      if (range.first < block.first || end_of(range) > std::uint32_t{block.last} + 1) {
        return "a read outside its block '" + std::string(block.name) + "'";
      }
      if (at > first_read && range.first < end_of(plan[at - 1].range)) return "reads overlap";
    }
    if (at == first_read) return "block '" + std::string(block.name) + "' is not read";
    const std::uint32_t span = std::uint32_t{block.last} - block.first + 1;
    if (span <= codec::kMaxReadRegisters && at - first_read != 1) {
      return "block '" + std::string(block.name) + "' fits one read but takes several";
    }
  }
  if (at != plan.size()) return "reads after the last block, or blocks out of order";
  for (const models::RegisterRow& row : map.rows) {
    std::size_t whole = 0;
    for (const PlannedRead& read : plan) {
      if (read.range.space != row.space) continue;
      const bool starts_in = row.address >= read.range.first && row.address < end_of(read.range);
      const bool ends_in = end_of(row) > read.range.first && end_of(row) <= end_of(read.range);
      if (starts_in && ends_in) {
        ++whole;
      } else if (starts_in || ends_in) {
        return "'" + std::string(row.name) + "' is split";
      }
    }
    if (whole != 1) {
      return "'" + std::string(row.name) + "' is read " + std::to_string(whole) + " times";
    }
  }
  return "";
}

TEST(PlanReads, EveryRowOfEveryBlockOfTheThreeMapsWholeAndOnce) {
  for (const models::RegisterMap* map : models::all_maps()) {
    SCOPED_TRACE(std::string(map->id));
    const auto plan = plan_reads(*map);
    EXPECT_EQ(plan_fault(*map, plan), "");
    // Each block of the three maps fits one read: one request per block, as `conform` and
    // `read` have always sent.
    EXPECT_EQ(plan.size(), map->blocks.size());
  }
}

TEST(PlanReads, TheBmsBlocksEachReadWholeByOneRequest) {
  const auto& bms = *models::find_map("conext-bms");
  const auto plan = plan_reads(bms);
  ASSERT_EQ(plan.size(), 7U);
  EXPECT_EQ(range_name(plan[0].range.space, plan[0].range.first, plan[0].range.quantity),
            "holding 40000..40001");
  EXPECT_EQ(range_name(plan[1].range.space, plan[1].range.first, plan[1].range.quantity),
            "holding 40002..40069");
  EXPECT_EQ(plan[1].block, &bms.blocks[1]);
}

// A map of one block: its rows back to back from `first`, of the given types.
struct OneBlockMap {
  std::vector<models::RegisterRow> rows;
  std::vector<models::Block> blocks;
  models::RegisterMap map;

  OneBlockMap(Space space, std::uint16_t first, const std::vector<codec::DataType>& types)
      : map(*models::find_map("conext-ags")) {
    std::uint32_t address = first;
    for (const codec::DataType type : types) {
      models::RegisterRow row = map.rows.front();
      row.space = space;
      row.address = static_cast<std::uint16_t>(address);
      row.type = type;
      rows.push_back(row);
      address += static_cast<std::uint32_t>(type.register_count());
    }
    blocks.push_back({space, first, static_cast<std::uint16_t>(address - 1), "generated"});
    map.rows = rows;
    map.blocks = blocks;
    map.rows_by_address = {};
  }
};

TEST(PlanReads, ALongBlockIsCutBeforeTheRowThatWouldPassTheLimit) {
  std::vector<codec::DataType> types{codec::kUint16, codec::kUint16};
  types.insert(types.end(), 100, codec::kFloat32);  // 2..201: the row at 124 crosses 125
  const OneBlockMap generated(Space::kInput, 0, types);
  const auto plan = plan_reads(generated.map);
  ASSERT_EQ(plan.size(), 2U);
  EXPECT_EQ(plan[0].range.first, 0);
  EXPECT_EQ(plan[0].range.quantity, 124);
  EXPECT_EQ(plan[1].range.first, 124);
  EXPECT_EQ(plan[1].range.quantity, 78);
  EXPECT_EQ(plan_fault(generated.map, plan), "");
}

RC_GTEST_PROP(PlanReadsProperty, AnyBlockIsReadWholeInTheFewestReadsWithinTheLimit,
              (std::uint16_t first_seed)) {
  const std::vector<codec::DataType> kinds{codec::kUint16,  codec::kUint32,     codec::kUint64,
                                           codec::kUint128, codec::kEventArray, codec::str(250),
                                           codec::str(33)};
  const auto types = *rc::gen::nonEmpty(
      rc::gen::container<std::vector<codec::DataType>>(rc::gen::elementOf(kinds)));
  const auto first = static_cast<std::uint16_t>(first_seed % 40000);
  const OneBlockMap generated(Space::kHolding, first, types);
  const auto plan = plan_reads(generated.map);
  RC_ASSERT(plan_fault(generated.map, plan) == "");
  // Fewest reads: each read but the last stops only because the next row would not fit.
  for (std::size_t i = 0; i + 1 < plan.size(); ++i) {
    const models::RegisterRow* next = models::row_at(
        generated.map, Space::kHolding, static_cast<std::uint16_t>(end_of(plan[i].range)));
    RC_ASSERT(next != nullptr);
    RC_ASSERT(plan[i].range.quantity + next->type.register_count() > codec::kMaxReadRegisters);
  }
}

TEST(FirstHoldingRun, FromTheLowestHoldingAddressReadUpToTheFirstGap) {
  const std::vector<RangeRegisters> reads{
      {{Space::kHolding, 20, 2}, {7, 8}},
      {{Space::kInput, 9, 1}, {99}},  // input registers are not part of it
      {{Space::kHolding, 10, 3}, {1, 2, 3}},
      {{Space::kHolding, 13, 2}, {}},  // brought nothing: the run ends at 13
      {{Space::kHolding, 15, 1}, {5}},
  };
  const auto run = first_holding_run(reads);
  ASSERT_TRUE(run.has_value());
  EXPECT_EQ(run->first, 10);
  EXPECT_EQ(run->registers, (std::vector<std::uint16_t>{1, 2, 3}));
}

TEST(FirstHoldingRun, NothingWithoutAHoldingRegisterRead) {
  const std::vector<RangeRegisters> reads{{{Space::kInput, 0, 1}, {1}},
                                          {{Space::kHolding, 0, 2}, {}}};
  EXPECT_FALSE(first_holding_run(reads).has_value());
}

// The BMS's holding space as its plan reads it: zeros, but every SunSpec model length right.
std::vector<RangeRegisters> bms_reads(const models::RegisterMap& bms) {
  std::vector<RangeRegisters> reads;
  for (const PlannedRead& planned : plan_reads(bms)) {
    RangeRegisters read{planned.range, std::vector<std::uint16_t>(planned.range.quantity, 0)};
    for (const models::RegisterRow& row : bms.rows) {
      const auto length = models::model_length(bms, row);
      if (length && row.address >= read.range.first && row.address < end_of(read.range)) {
        read.registers[row.address - read.range.first] = *length;
      }
    }
    reads.push_back(std::move(read));
  }
  return reads;
}

void set_register(std::vector<RangeRegisters>& reads, std::uint16_t address, std::uint16_t value) {
  for (RangeRegisters& read : reads) {
    if (address >= read.range.first && address < end_of(read.range)) {
      read.registers.at(address - read.range.first) = value;
    }
  }
}

TEST(ReadValues, EachReadsRowsDecodedAndNoneForAReadThatBroughtNothing) {
  const auto& bms = *models::find_map("conext-bms");
  auto reads = bms_reads(bms);
  reads[3].registers.clear();
  const ValueReadout readout = read_values(bms, reads);
  ASSERT_EQ(readout.entries.size(), reads.size());
  for (std::size_t i = 0; i < reads.size(); ++i) {
    SCOPED_TRACE(i);
    const auto expected =
        models::read_out(bms, reads[i].range.space, reads[i].range.first, reads[i].registers);
    ASSERT_EQ(readout.entries[i].size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
      EXPECT_EQ(readout.entries[i][k].row, expected[k].row);
      EXPECT_EQ(readout.entries[i][k].text, expected[k].text);
    }
    EXPECT_EQ(readout.entries[i].empty(), i == 3);
  }
}

TEST(ReadValues, SunSpecStructureOverTheHoldingRegistersRead) {
  const auto& bms = *models::find_map("conext-bms");
  auto reads = bms_reads(bms);
  const auto clean = read_values(bms, reads);
  ASSERT_TRUE(clean.structure.has_value());
  EXPECT_TRUE(clean.structure->empty());

  set_register(reads, 40071, 1);  // Battery Base Model Length
  const auto wrong = read_values(bms, reads);
  ASSERT_TRUE(wrong.structure.has_value());
  ASSERT_EQ(wrong.structure->size(), 1U);
  EXPECT_EQ(wrong.structure->front().rule, models::RuleId::kIdentity);
  EXPECT_NE(wrong.structure->front().message.find("Battery Base Model Length"), std::string::npos);
}

TEST(ReadValues, TheStructureStopsAtTheFirstHoldingRegisterNotRead) {
  const auto& bms = *models::find_map("conext-bms");
  auto reads = bms_reads(bms);
  set_register(reads, 40135, 1);  // BMS Custom Map Length, wrong
  ASSERT_EQ(read_values(bms, reads).structure->size(), 1U);
  reads[3].registers.clear();  // 40079..40115 not read: 40135 lies past the run
  const auto readout = read_values(bms, reads);
  ASSERT_TRUE(readout.structure.has_value());
  EXPECT_TRUE(readout.structure->empty());
  set_register(reads, 40071, 1);  // before the gap: still checked
  EXPECT_EQ(read_values(bms, reads).structure->size(), 1U);
}

TEST(ReadValues, NoStructureWhereTheMapHasNoneOrNoHoldingRegisterWasRead) {
  const auto& ags = *models::find_map("conext-ags");
  std::vector<RangeRegisters> reads;
  for (const PlannedRead& planned : plan_reads(ags)) {
    reads.push_back({planned.range, std::vector<std::uint16_t>(planned.range.quantity, 0)});
  }
  EXPECT_FALSE(read_values(ags, reads).structure.has_value());
  EXPECT_FALSE(read_values(*models::find_map("conext-bms"), {}).structure.has_value());
}

}  // namespace
}  // namespace mbh::conformance
