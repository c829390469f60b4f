#include "harness/netfuzz/write_policy.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <initializer_list>
#include <set>
#include <vector>

#include "harness/netfuzz/frame_generator.hpp"
#include "harness/netfuzz/frame_stream.hpp"
#include "models/command_register.hpp"
#include "models/map_catalog.hpp"

// RULES.md "Writes and safety": `fuzz --allow-writes` writes only the classes the --allow-*
// flags allow, and FC 08 sub-functions 0x0001 and 0x0004 go only with --allow-destructive.
// The issue: in 3 s `fuzz --allow-writes` moved the AGS Modbus Slave Address from 50 to 42931.
namespace mbh::netfuzz {
namespace {

using Bytes = std::vector<std::byte>;

Bytes adu(std::uint8_t unit, std::initializer_list<unsigned> pdu) {
  Bytes out{std::byte{0},
            std::byte{1},
            std::byte{0},
            std::byte{0},
            std::byte{0},
            static_cast<std::byte>(pdu.size() + 1),
            static_cast<std::byte>(unit)};
  for (const unsigned b : pdu)
    out.push_back(static_cast<std::byte>(b));
  return out;
}

const models::RegisterMap& map(const char* id) {
  return *models::find_map(id);
}

const WriteFlags kSettings{true, false, false};
const WriteFlags kActuation{true, true, false};
const WriteFlags kEverything{true, true, true};

// RULES.md's table, written out again: what the flags allow, independent of write_policy.cpp.
bool allowed_by_rules(const models::RegisterMap& m, const models::RegisterRow& row,
                      const WriteFlags& flags) {
  if (!flags.allow_writes || row.space != models::Space::kHolding ||
      row.access != models::Access::kReadWrite) {
    return false;
  }
  if (m.id == "enapter-el21" && row.address >= 4000) return false;  // Begin, Commit, config
  switch (row.safety) {
    case models::SafetyClass::kSetting:
      return true;
    case models::SafetyClass::kActuating:
    case models::SafetyClass::kClock:
      return flags.allow_actuation;
    case models::SafetyClass::kDestructive:
    case models::SafetyClass::kConnectivity:
      return flags.allow_destructive;
    default:
      return false;
  }
}

bool reaches_only_allowed_rows(const models::RegisterMap& m, std::uint8_t unit,
                               const WriteFlags& flags, const StreamShape& shape) {
  for (const auto& write : shape.writes) {
    if (write.unit != unit || write.coils) return false;
    for (std::uint32_t a = write.first; a < write.first + write.count; ++a) {
      bool inside = false;
      for (const auto& row : m.rows) {
        if (row.space == models::Space::kHolding && a >= row.address &&
            a < row.address + row.type.register_count()) {
          inside = allowed_by_rules(m, row, flags);
          break;
        }
      }
      if (!inside) return false;
    }
  }
  return true;
}

TEST(WritePolicy, TheAgsSlaveAddressOnlyWithAllowDestructive) {
  const auto& ags = map("conext-ags");
  const auto write_slave = shape_of(adu(50, {0x06, 0x00, 0x28, 0xA7, 0xB3}));  // 42931
  EXPECT_EQ(WritePolicy(ags, 50, kSettings).check(write_slave), Refusal::kRowNotAllowed);
  EXPECT_EQ(WritePolicy(ags, 50, kActuation).check(write_slave), Refusal::kRowNotAllowed);
  EXPECT_TRUE(WritePolicy(ags, 50, kEverything).permits(write_slave));
  const auto reboot = shape_of(adu(50, {0x06, 0x00, 0x4E, 0x00, 0x00}));  // Reset := Reboot
  EXPECT_FALSE(WritePolicy(ags, 50, kActuation).permits(reboot));
  EXPECT_TRUE(WritePolicy(ags, 50, kEverything).permits(reboot));
  const auto mask_reset = shape_of(adu(50, {0x16, 0x00, 0x4E, 0x00, 0x00, 0x00, 0x02}));
  EXPECT_FALSE(WritePolicy(ags, 50, kActuation).permits(mask_reset));
}

TEST(WritePolicy, SettingsByDefaultNotGapsNotOtherUnitsNotCoils) {
  const auto& ags = map("conext-ags");
  const WritePolicy policy(ags, 50, kSettings);
  ASSERT_FALSE(policy.rows().empty());
  for (const auto* row : policy.rows())
    EXPECT_EQ(row->safety, models::SafetyClass::kSetting) << row->name;
  const unsigned setting = policy.rows().front()->address;
  const auto hi = setting >> 8, lo = setting & 0xFFU;
  EXPECT_TRUE(policy.permits(shape_of(adu(50, {0x06, hi, lo, 0x00, 0x01}))));
  EXPECT_EQ(policy.touched(shape_of(adu(50, {0x06, hi, lo, 0x00, 0x01}))),
            std::vector{policy.rows().front()});
  EXPECT_EQ(policy.check(shape_of(adu(51, {0x06, hi, lo, 0x00, 0x01}))), Refusal::kOtherUnit);
  EXPECT_EQ(policy.check(shape_of(adu(50, {0x05, hi, lo, 0xFF, 0x00}))), Refusal::kCoils);
  EXPECT_EQ(policy.check(shape_of(adu(50, {0x06, 0x00, 0x16, 0x00, 0x01}))),  // a gap
            Refusal::kRowNotAllowed);
  // Operating Mode (actuating) is 0x0041 or so: any FC 16 over every holding register is
  // refused, since it reaches rows of every class.
  EXPECT_EQ(policy.check(shape_of(adu(50, {0x10, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00}))),
            Refusal::kRowNotAllowed);
  EXPECT_EQ(WritePolicy(ags, 50, {}).check(shape_of(adu(50, {0x06, hi, lo, 0x00, 0x01}))),
            Refusal::kWriteNotAllowed);
}

TEST(WritePolicy, NeverEnapterConfigurationBeginCommitOrConfigurationRegisters) {
  const auto& enapter = map("enapter-el21");
  const WritePolicy policy(enapter, 1, kEverything);
  for (const unsigned address : {4000U, 4001U, 4002U, 4003U}) {
    EXPECT_FALSE(policy.permits(shape_of(adu(1, {0x06, address >> 8, address & 0xFFU, 0, 1}))))
        << address;
  }
  for (const auto* row : policy.rows())
    EXPECT_LT(row->address, 4000U) << row->name;
}

TEST(WritePolicy, DestructiveDiagnosticsOnlyWithAllowDestructive) {
  const auto& bms = map("conext-bms");
  for (const unsigned sub : {0x0001U, 0x0004U}) {
    const auto shape = shape_of(adu(230, {0x08, 0x00, sub, 0x00, 0x00}));
    EXPECT_TRUE(shape.destructive_diagnostic);
    EXPECT_EQ(WritePolicy(bms, 230, {}).check(shape), Refusal::kDestructiveDiagnostic);
    EXPECT_EQ(WritePolicy(bms, 230, kActuation).check(shape), Refusal::kDestructiveDiagnostic);
    EXPECT_TRUE(WritePolicy(bms, 230, {false, false, true}).permits(shape));
    // Also to another unit, and glued behind a harmless frame.
    EXPECT_FALSE(WritePolicy(bms, 230, {}).permits(shape_of(adu(7, {0x08, 0x00, sub}))));
    Bytes glued = adu(230, {0x03, 0x00, 0x00, 0x00, 0x01});
    const Bytes second = adu(230, {0x08, 0x00, sub, 0xFF, 0x00});
    glued.insert(glued.end(), second.begin(), second.end());
    EXPECT_FALSE(WritePolicy(bms, 230, {}).permits(shape_of(glued)));
  }
  EXPECT_TRUE(WritePolicy(bms, 230, {}).permits(shape_of(adu(230, {0x08, 0x00, 0x00, 0x12}))));
  EXPECT_TRUE(WritePolicy(bms, 230, {}).permits(shape_of(adu(230, {0x08, 0x00}))));
}

// FC 21 (Write File Record) is not decoded by the codec, but a device that implements it
// writes: a well-formed one never goes, with or without --allow-writes (the maps have no
// files); one whose byte count or record lengths disagree may.
TEST(WritePolicy, NeverAWellFormedFileRecordWrite) {
  const auto& bms = map("conext-bms");
  // Byte count 9: one sub-request (type 6, file 1, record 2, length 1) and its register.
  const auto well_formed = shape_of(adu(230, {0x15, 0x09, 6, 0, 1, 0, 2, 0, 1, 0xAB, 0xCD}));
  EXPECT_TRUE(well_formed.file_record_write);
  EXPECT_TRUE(well_formed.carries_valid_write);
  EXPECT_EQ(WritePolicy(bms, 230, {}).check(well_formed), Refusal::kWriteNotAllowed);
  EXPECT_EQ(WritePolicy(bms, 230, kEverything).check(well_formed), Refusal::kRowNotAllowed);
  for (const auto& bad :
       {adu(230, {0x15, 0x0A, 6, 0, 1, 0, 2, 0, 1, 0xAB, 0xCD}),        // byte count one long
        adu(230, {0x15, 0x09, 6, 0, 1, 0, 2, 0, 2, 0xAB, 0xCD}),        // record length past it
        adu(230, {0x15, 0x09, 5, 0, 1, 0, 2, 0, 1, 0xAB, 0xCD}),        // reference type not 6
        adu(230, {0x15, 0x09, 6, 0, 1, 0x27, 0x10, 0, 1, 0xAB, 0xCD}),  // record 10000
        adu(230, {0x15})}) {
    const auto shape = shape_of(bad);
    EXPECT_FALSE(shape.file_record_write);
    EXPECT_TRUE(WritePolicy(bms, 230, {}).permits(shape));
  }
}

// Every frame the generator gives, for any seed, map and flags, writes only what RULES.md's
// table allows, and carries FC 08 0x0001/0x0004 only with --allow-destructive.
RC_GTEST_PROP(FrameGenerator, WritesOnlyTheAllowedClasses, (std::uint64_t seed)) {
  const auto maps = models::all_maps();
  const auto& m = *maps[seed % maps.size()];
  const WriteFlags flags{true, (seed & 8U) != 0, (seed & 16U) != 0};
  FrameGenerator generator(
      {&m, m.first_unit, seed, true, flags.allow_actuation, flags.allow_destructive});
  for (int i = 0; i < 600; ++i) {
    const auto frame = generator.next();
    const auto shape = shape_of(frame.bytes);
    RC_ASSERT(reaches_only_allowed_rows(m, m.first_unit, flags, shape));
    if (!flags.allow_destructive) RC_ASSERT_FALSE(shape.destructive_diagnostic);
  }
}

// With the flags, the generator does write: settings by default; the other classes with them.
// Enapter's settings are all configuration registers: with settings alone it writes nothing.
TEST(FrameGenerator, WritesReachEveryAllowedClass) {
  for (const auto* m : models::all_maps()) {
    for (const auto& flags : {kSettings, kEverything}) {
      FrameGenerator generator(
          {m, m->first_unit, 3, true, flags.allow_actuation, flags.allow_destructive});
      const bool none = m->id == "enapter-el21" && !flags.allow_actuation;
      EXPECT_EQ(generator.policy().rows().empty(), none) << m->id;
      std::set<const models::RegisterRow*> reached;
      std::size_t writes = 0;
      for (int i = 0; i < 5000; ++i) {
        const auto shape = shape_of(generator.next().bytes);
        ASSERT_TRUE(reaches_only_allowed_rows(*m, m->first_unit, flags, shape)) << m->id;
        writes += shape.writes.size();
        for (const auto* row : generator.policy().touched(shape))
          reached.insert(row);
      }
      if (none) {
        EXPECT_EQ(writes, 0U) << m->id;
      } else {
        EXPECT_GT(writes, 50U) << m->id;
        EXPECT_EQ(reached.size(), generator.policy().rows().size()) << m->id;  // every row
      }
    }
  }
}

}  // namespace
}  // namespace mbh::netfuzz
