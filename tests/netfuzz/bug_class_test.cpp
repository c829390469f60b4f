#include "harness/netfuzz/edge_frames.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <set>
#include <string_view>
#include <utility>

#include "harness/codec/request_codec.hpp"
#include "harness/netfuzz/boundary_values.hpp"
#include "harness/netfuzz/frame_generator.hpp"
#include "harness/netfuzz/frame_stream.hpp"
#include "harness/netfuzz/function_requests.hpp"
#include "models/map_catalog.hpp"

// The catalogue of bug classes: each class real Modbus stacks have had is reached on purpose,
// within the first frames of a run, whatever the seed, on every map; asserted on the decoded
// fields of the frames sent, not only on their kinds.
namespace mbh::netfuzz {
namespace {

constexpr std::size_t kWithin = 6000;

struct Sent {
  FrameKind kind;
  std::vector<std::byte> bytes;
  Pdu pdu;  // the bytes after the MBAP header
  unsigned length;
  std::uint8_t function;
};

std::vector<Sent> run(const models::RegisterMap& map, std::uint64_t seed, bool writes,
                      bool actuation = false) {
  FrameGenerator generator({&map, map.first_unit, seed, writes, actuation, false});
  std::vector<Sent> out;
  for (std::size_t i = 0; i < kWithin; ++i) {
    auto frame = generator.next();
    Sent sent{frame.kind, frame.bytes, {}, 0, 0};
    if (frame.bytes.size() > 7) {
      sent.pdu.assign(frame.bytes.begin() + 7, frame.bytes.end());
      sent.function = std::to_integer<std::uint8_t>(frame.bytes[7]);
    }
    sent.length = field16(frame.bytes, 4);
    out.push_back(std::move(sent));
  }
  return out;
}

bool inside_holding_block(const models::RegisterMap& map, unsigned address, unsigned quantity) {
  if (quantity == 0 || address + quantity > 0x10000U) return false;
  const auto* block =
      models::block_of(map, models::Space::kHolding, static_cast<std::uint16_t>(address));
  return block != nullptr && address + quantity - 1U <= block->last;
}

using Predicate = std::function<bool(const Sent&)>;

// Each class by what its frames hold; the kinds that reach it are in the README's table.
std::vector<std::pair<std::string_view, Predicate>> classes(const models::RegisterMap& map) {
  return {
      {"read past 65535",
       [](const Sent& s) {
         return s.function >= 1 && s.function <= 4 && s.pdu.size() == 5 && field16(s.pdu, 3) >= 1 &&
                field16(s.pdu, 3) <= max_quantity(s.function) &&
                field16(s.pdu, 1) + field16(s.pdu, 3) > 0x10000U;
       }},
      {"FC 16 byte count disagrees, quantity past 8",
       [](const Sent& s) {
         return s.function == kWriteRegisters && s.pdu.size() >= 6 && field16(s.pdu, 3) > 8 &&
                std::to_integer<unsigned>(s.pdu[5]) != 2U * field16(s.pdu, 3);
       }},
      {"FC 15 byte count disagrees",
       [](const Sent& s) {
         return s.function == kWriteCoils && s.pdu.size() >= 6 &&
                std::to_integer<unsigned>(s.pdu[5]) != (field16(s.pdu, 3) + 7U) / 8U;
       }},
      {"FC 23 read range in the map, write range not",
       [&map](const Sent& s) {
         return s.function == kReadWrite && s.pdu.size() >= 10 &&
                inside_holding_block(map, field16(s.pdu, 1), field16(s.pdu, 3)) &&
                !inside_holding_block(map, field16(s.pdu, 5), field16(s.pdu, 7));
       }},
      {"FC 23 write range in the map, read range not",
       [&map](const Sent& s) {
         return s.function == kReadWrite && s.pdu.size() >= 10 &&
                !inside_holding_block(map, field16(s.pdu, 1), field16(s.pdu, 3)) &&
                inside_holding_block(map, field16(s.pdu, 5), field16(s.pdu, 7));
       }},
      {"FC 22 masks 0000/FFFF",
       [](const Sent& s) {
         return s.function == kMaskWriteRegister && s.pdu.size() >= 7 &&
                field16(s.pdu, 3) == 0xFFFF && field16(s.pdu, 5) == 0xFFFF;
       }},
      {"FC 20 reference type not 6",
       [](const Sent& s) {
         return s.function == kReadFileRecord && s.pdu.size() == 9 &&
                std::to_integer<unsigned>(s.pdu[1]) == 7 &&
                std::to_integer<unsigned>(s.pdu[2]) != 6;
       }},
      {"FC 20 record number 10000",
       [](const Sent& s) {
         return s.function == kReadFileRecord && s.pdu.size() == 9 && field16(s.pdu, 5) == 10000;
       }},
      {"FC 20 byte count disagrees",
       [](const Sent& s) {
         return s.function == kReadFileRecord && s.pdu.size() >= 2 &&
                std::to_integer<std::size_t>(s.pdu[1]) != s.pdu.size() - 2;
       }},
      {"FC 21 write file record",
       [](const Sent& s) { return s.function == kWriteFileRecord && s.pdu.size() > 9; }},
      {"FC 08 sub-function 0x0015 (get/clear Modbus Plus statistics)",
       [](const Sent& s) { return s.function == kDiagnostics && field16(s.pdu, 1) == 0x15; }},
      {"FC 08 data of the wrong length",
       [](const Sent& s) {
         return s.function == kDiagnostics && s.pdu.size() >= 3 && s.pdu.size() != 5;
       }},
      {"FC 43/0E object id past the extended range",
       [](const Sent& s) {
         return s.function == kEncapsulated && s.pdu.size() == 4 &&
                std::to_integer<unsigned>(s.pdu[1]) == 0x0E &&
                std::to_integer<unsigned>(s.pdu[2]) == 4 &&
                std::to_integer<unsigned>(s.pdu[3]) == 0xFF;
       }},
      {"FC 43 MEI 0x0D",
       [](const Sent& s) {
         return s.function == kEncapsulated && s.pdu.size() >= 2 &&
                std::to_integer<unsigned>(s.pdu[1]) == 0x0D;
       }},
      {"FC 43/0E well formed, read codes 1..4",
       [](const Sent& s) {
         const auto request = codec::decode_request(s.pdu);
         return s.function == kEncapsulated && static_cast<bool>(request) &&
                std::to_integer<unsigned>(s.pdu[2]) == 3;
       }},
      {"FC 11 with no data",
       [](const Sent& s) { return s.pdu.size() == 1 && s.function == 0x11 && s.length == 2; }},
      {"MBAP length 0", [](const Sent& s) { return s.bytes.size() >= 7 && s.length == 0; }},
      {"MBAP length one more than the PDU",
       [](const Sent& s) { return s.bytes.size() >= 7 && s.length == s.bytes.size() - 6 + 1; }},
      {"MBAP length 65535", [](const Sent& s) { return s.length == 0xFFFF; }},
      {"pairwise", [](const Sent& s) { return s.kind == FrameKind::kPairwise; }},
  };
}

TEST(BugClasses, EachReachedWithinTheFirstFramesOnEveryMapAndSeed) {
  const bool show = std::getenv("MBH_SHOW_FIRST_FRAMES") != nullptr;
  for (const auto* map : models::all_maps()) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      const auto sent = run(*map, seed, false);
      for (const auto& [name, reaches] : classes(*map)) {
        const auto first = std::ranges::find_if(sent, reaches);
        // Every holding register of Enapter's map is writable: no invalid FC 23 may aim its
        // write range inside a block there (a lenient device would write it).
        if (map->id == "enapter-el21" && name.starts_with("FC 23 write range in")) continue;
        EXPECT_NE(first, sent.end()) << map->id << " seed " << seed << ": " << name;
        if (show && seed == 1 && first != sent.end()) {
          std::cout << map->id << " | " << name << " | " << kind_name(first->kind) << " | "
                    << (first - sent.begin()) << "\n";
        }
      }
    }
  }
}

// Every listed boundary value, in every address and quantity field of the functions.
TEST(BugClasses, EveryBoundaryValueIsSent) {
  for (const auto* map : models::all_maps()) {
    const auto sent = run(*map, 1, false);
    for (const std::uint8_t function :
         {kReadCoils, kReadDiscreteInputs, kReadHolding, kReadInput}) {
      std::set<unsigned> addresses, quantities;
      for (const auto& s : sent) {
        if (s.function != function || s.pdu.size() != 5) continue;
        addresses.insert(field16(s.pdu, 1));
        quantities.insert(field16(s.pdu, 3));
      }
      for (const unsigned address : boundary_addresses(*map))
        EXPECT_TRUE(addresses.contains(address))
            << map->id << " FC " << +function << " " << address;
      for (const unsigned quantity : boundary_quantities(function))
        EXPECT_TRUE(quantities.contains(quantity))
            << map->id << " FC " << +function << " " << quantity;
    }
    for (const std::uint8_t function : {kWriteCoils, kWriteRegisters}) {
      std::set<unsigned> quantities;
      for (const auto& s : sent) {
        if (s.function == function && s.pdu.size() >= 6) quantities.insert(field16(s.pdu, 3));
      }
      for (const unsigned quantity : boundary_quantities(function))
        EXPECT_TRUE(quantities.contains(quantity))
            << map->id << " FC " << +function << " " << quantity;
    }
  }
  const auto addresses = boundary_addresses(*models::find_map("conext-ags"));
  for (const unsigned value : {0x0000U, 0x0001U, 0x7FFFU, 0x8000U, 0xFFFEU, 0xFFFFU, 0x0027U,
                               0x0028U, 0x0029U, 0x0014U, 0x0015U, 0x0016U}) {
    EXPECT_TRUE(std::ranges::find(addresses, value) != addresses.end()) << value;
  }
  const auto quantities = boundary_quantities(kReadHolding);
  EXPECT_EQ(quantities, (std::vector<std::uint16_t>{0, 1, 125, 126, 0xFFFF}));
}

// FC 23's read range and write range vary independently: all four combinations of each being
// inside a holding block or not, with and without --allow-writes.
TEST(BugClasses, ReadWriteRangesVaryIndependently) {
  for (const auto* map : models::all_maps()) {
    for (const bool writes : {false, true}) {
      // Enapter: every holding register writable; its write range goes inside only when the
      // policy allows a row there (actuating rows).
      if (map->id == "enapter-el21" && !writes) continue;
      for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        std::set<std::pair<bool, bool>> seen;
        for (const auto& s : run(*map, seed, writes, true)) {
          if (s.function != kReadWrite || s.pdu.size() < 10) continue;
          seen.insert({inside_holding_block(*map, field16(s.pdu, 1), field16(s.pdu, 3)),
                       inside_holding_block(*map, field16(s.pdu, 5), field16(s.pdu, 7))});
        }
        EXPECT_EQ(seen.size(), 4U) << map->id << " writes " << writes << " seed " << seed;
      }
    }
  }
}

// The well-formed requests of what the devices implement: FC 43/0E, and with --allow-writes
// FC 06, 16 over several adjacent rows, 22 and 23, each only to rows the policy allows.
TEST(BugClasses, WellFormedWritesOfEveryFunctionOnlyToAllowedRows) {
  const auto& ags = *models::find_map("conext-ags");
  FrameGenerator generator({&ags, ags.first_unit, 2, true, false, false});
  std::set<unsigned> functions;
  bool several_rows = false;
  for (std::size_t i = 0; i < kWithin; ++i) {
    const auto frame = generator.next();
    const auto shape = shape_of(frame.bytes);
    ASSERT_TRUE(generator.policy().permits(shape));
    if (!shape.carries_valid_write) continue;
    functions.insert(std::to_integer<unsigned>(frame.bytes[7]));
    const auto touched = generator.policy().touched(shape);
    std::size_t registers = 0;
    for (const auto& write : shape.writes)
      registers += write.count;
    std::size_t row_registers = 0;
    for (const auto* row : touched)
      row_registers += row->type.register_count();
    EXPECT_LE(registers, row_registers);  // nothing outside the rows touched
    if (std::to_integer<unsigned>(frame.bytes[7]) == kWriteRegisters && touched.size() >= 2) {
      several_rows = true;
    }
  }
  EXPECT_EQ(functions, (std::set<unsigned>{0x06, 0x10, 0x16, 0x17}));
  EXPECT_TRUE(several_rows);
}

// The catalogue's lists only hold frames that may go: without --allow-writes none decodes as
// a valid write, FC 08 0x0001/0x0004 never, and none built invalid reaches a writable register.
TEST(BugClasses, CatalogueListsHoldOnlySafeFrames) {
  for (const auto* map : models::all_maps()) {
    const WritePolicy policy(*map, map->first_unit, {});
    const SendContext context{map, &policy, map->first_unit};
    for (auto&& list :
         {mbap_length_frames(context), boundary_read_frames(context), overflow_frames(context),
          boundary_write_frames(context), byte_count_frames(context)}) {
      EXPECT_FALSE(list.empty());
      for (const auto& frame : list) {
        EXPECT_FALSE(shape_of(one_adu(frame.pdu, map->first_unit)).carries_valid_write);
        EXPECT_TRUE(safe_to_send(context, frame.pdu));
      }
    }
  }
}

}  // namespace
}  // namespace mbh::netfuzz
