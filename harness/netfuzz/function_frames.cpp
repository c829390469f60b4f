#include "harness/netfuzz/function_frames.hpp"

#include <algorithm>
#include <array>

#include "harness/codec/protocol_limits.hpp"
#include "harness/netfuzz/boundary_values.hpp"
#include "harness/netfuzz/lenient_reach.hpp"
#include "models/map_catalog.hpp"

namespace mbh::netfuzz {
namespace {

struct Range {
  unsigned address;
  unsigned quantity;
};

void add(std::vector<PlannedFrame>& out, const SendContext& context, FrameKind kind, Pdu pdu) {
  if (auto safe = sendable(context, std::move(pdu))) out.push_back({kind, std::move(*safe), {}});
}

Pdu pattern(std::size_t count) {
  Pdu out(count);
  for (std::size_t i = 0; i < count; ++i)
    out[i] = static_cast<std::byte>((i * 29U + 3U) & 0xFFU);
  return out;
}

bool in_holding_block(const models::RegisterMap& map, unsigned address) {
  return address <= 0xFFFFU &&
         models::block_of(map, models::Space::kHolding, static_cast<std::uint16_t>(address));
}

// Holding addresses just outside the blocks, in no block and not writable.
std::vector<Range> holding_gaps(const models::RegisterMap& map) {
  std::vector<Range> out;
  for (const auto& block : map.blocks) {
    if (block.space != models::Space::kHolding) continue;
    for (const unsigned address : {block.first - 1U, block.last + 1U}) {
      if (address > 0xFFFFU || in_holding_block(map, address)) continue;
      if (model_writable(map, static_cast<std::uint16_t>(address))) continue;
      out.push_back({address, 1});
    }
  }
  return out;
}

std::vector<Range> valid_reads(const models::RegisterMap& map) {
  std::vector<Range> out;
  for (const auto& block : map.blocks) {
    if (block.space != models::Space::kHolding) continue;
    out.push_back(
        {block.first, std::min<unsigned>(block.last - block.first + 1U, codec::kMaxReadRegisters)});
    out.push_back({block.last, 1});
  }
  return out;
}

std::vector<Range> valid_writes(const SendContext& context) {
  std::vector<Range> out;
  if (context.policy->flags().allow_writes) {
    for (const auto* row : context.policy->rows())
      out.push_back({row->address, static_cast<unsigned>(row->type.register_count())});
    return out;
  }
  for (const auto& row : context.map->rows) {  // inside a block, but not writable
    if (row.space == models::Space::kHolding && row.access == models::Access::kRead &&
        in_holding_block(*context.map, row.address)) {
      out.push_back({row.address, 1});
    }
  }
  return out;
}

// Targets for writes made invalid: registers the model does not let be written.
std::vector<unsigned> unwritable_targets(const models::RegisterMap& map) {
  std::vector<unsigned> out;
  for (const auto& row : map.rows) {
    if (row.space == models::Space::kHolding && row.access == models::Access::kRead &&
        out.size() < 4) {
      out.push_back(row.address);
    }
  }
  for (const auto& gap : holding_gaps(map))
    out.push_back(gap.address);
  for (const unsigned address : boundary_addresses(map)) {
    if (!model_writable(map, static_cast<std::uint16_t>(address))) out.push_back(address);
  }
  return out;
}

}  // namespace

std::vector<PlannedFrame> read_write_range_frames(const SendContext& context) {
  const auto& map = *context.map;
  std::vector<Range> invalid_reads = holding_gaps(map);
  invalid_reads.push_back({0xFFFFU, 2});
  std::vector<Range> invalid_writes = holding_gaps(map);
  invalid_writes.push_back({0xFFFFU, 2});
  const std::array<std::vector<Range>, 2> reads{valid_reads(map), invalid_reads};
  const std::array<std::vector<Range>, 2> writes{valid_writes(context), invalid_writes};
  std::vector<PlannedFrame> out;
  for (std::size_t variant = 0; variant < 3; ++variant) {
    for (const auto& read : reads) {
      for (const auto& write : writes) {
        if (read.empty() || write.empty()) continue;
        const Range r = read[variant % read.size()];
        const Range w = write[variant % write.size()];
        add(out, context, FrameKind::kReadWriteRanges,
            read_write({r.address, r.quantity, w.address, w.quantity, 2 * w.quantity},
                       pattern(2 * w.quantity)));
      }
    }
  }
  return out;
}

std::vector<PlannedFrame> mask_write_frames(const SendContext& context) {
  static constexpr std::array<std::pair<unsigned, unsigned>, 6> kMasks{{{0x0000, 0x0000},
                                                                        {0xFFFF, 0x0000},
                                                                        {0x0000, 0xFFFF},
                                                                        {0xFFFF, 0xFFFF},
                                                                        {0x00FF, 0xFF00},
                                                                        {0xAAAA, 0x5555}}};
  std::vector<unsigned> targets;
  for (const auto* row : context.policy->rows())
    targets.push_back(row->address);
  const auto unwritable = unwritable_targets(*context.map);
  targets.insert(targets.end(), unwritable.begin(), unwritable.end());
  std::vector<PlannedFrame> out;
  for (std::size_t i = 0; i < targets.size() && i < kMasks.size() * 2; ++i) {
    const auto [and_mask, or_mask] = kMasks[i % kMasks.size()];
    Pdu pdu = mask_write(targets[i], and_mask, or_mask);
    add(out, context, FrameKind::kMaskWrite, pdu);
    Pdu short_pdu(pdu.begin(), pdu.end() - 1);
    add(out, context, FrameKind::kMaskWrite, short_pdu);
    pdu.push_back(std::byte{0x55});
    add(out, context, FrameKind::kMaskWrite, pdu);
  }
  return out;
}

std::vector<PlannedFrame> file_record_frames(const SendContext& context) {
  std::vector<PlannedFrame> out;
  const auto read = [&](std::vector<FileSubRequest> subs, int count_error) {
    const auto right = static_cast<int>(file_byte_count(subs));
    add(out, context, FrameKind::kFileRecord,
        file_record(kReadFileRecord, static_cast<unsigned>(std::max(0, right + count_error)),
                    subs));
  };
  // FC 21's data follows its record length, unless the frame tests a length that disagrees.
  const auto write = [&](std::vector<FileSubRequest> subs, int count_error) {
    const auto right = static_cast<int>(file_byte_count(subs));
    add(out, context, FrameKind::kFileRecord,
        file_record(kWriteFileRecord, static_cast<unsigned>(std::max(0, right + count_error)),
                    subs));
  };
  const FileSubRequest one{};
  std::vector<FileSubRequest> fields;
  for (const unsigned reference : {0U, 5U, 7U, 0xFFU})
    fields.push_back({reference, 1, 0, 1, {}});
  for (const unsigned file : {0U, 0xFFFFU})
    fields.push_back({6, file, 0, 1, {}});
  for (const unsigned record : {9999U, 10000U, 0xFFFFU})
    fields.push_back({6, 1, record, 1, {}});
  for (const unsigned length : {0U, 125U, 0xFFFFU})
    fields.push_back({6, 1, 0, length, {}});
  read({one}, 0);
  read({one, {6, 2, 1, 2, {}}}, 0);
  for (const auto& sub : fields)
    read({sub}, 0);
  for (const int error : {-1, 1, -7, 0xF5})
    read({one}, error);
  read({}, 0);
  read(std::vector<FileSubRequest>(35, one), 0);  // 245 bytes: the most the count allows
  read(std::vector<FileSubRequest>(36, one), 0);
  // FC 21: every frame carries a disagreement besides the field it tests, so that no file
  // record is written by a device that checks the frame.
  FileSubRequest record{6, 1, 0, 1, pattern(2)};
  write({record}, 1);
  write({record}, -1);
  write({{6, 1, 0, 2, pattern(2)}}, 0);  // length 2, one register of data
  write({{6, 1, 0, 0, {}}}, 1);
  for (auto sub : fields) {
    sub.data = pattern(2);
    write({sub}, 1);
  }
  return out;
}

std::vector<PlannedFrame> diagnostic_frames(const SendContext& context) {
  std::vector<unsigned> subs;
  for (unsigned sub = 0; sub <= 0x16; ++sub)
    subs.push_back(sub);
  for (const unsigned sub : {0x0020U, 0x00FFU, 0x0100U, 0x7FFFU, 0x8000U, 0xFFFFU})
    subs.push_back(sub);
  std::vector<PlannedFrame> out;
  for (const unsigned sub : subs) {
    const Pdu data = sub == 0   ? Pdu{std::byte{0x12}, std::byte{0x34}}
                     : sub == 1 ? Pdu{std::byte{0xFF}, std::byte{0x00}}
                                : Pdu{std::byte{0x00}, std::byte{0x00}};
    add(out, context, FrameKind::kDiagnostic, diagnostic(sub, data));
  }
  for (const std::size_t length : {0U, 1U, 3U, 4U}) {
    for (const unsigned sub : subs)
      add(out, context, FrameKind::kDiagnostic, diagnostic(sub, pattern(length)));
  }
  return out;
}

std::vector<PlannedFrame> device_id_frames(const SendContext& context) {
  static constexpr std::array<unsigned, 13> kObjects{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
                                                     0x07, 0x7F, 0x80, 0x81, 0xFE, 0xFF};
  const auto id = [](unsigned code, unsigned object) {
    return Pdu{static_cast<std::byte>(code), static_cast<std::byte>(object)};
  };
  std::vector<PlannedFrame> out;
  for (const unsigned code : {1U, 2U, 3U, 4U}) {
    for (const unsigned object : kObjects)
      add(out, context, FrameKind::kDeviceId,
          encapsulated(codec::kMeiReadDeviceId, id(code, object)));
  }
  for (const unsigned code : {0U, 5U, 0x80U, 0xFFU}) {
    for (const unsigned object : {0U, 0xFFU})
      add(out, context, FrameKind::kDeviceId,
          encapsulated(codec::kMeiReadDeviceId, id(code, object)));
  }
  add(out, context, FrameKind::kDeviceId, encapsulated(codec::kMeiReadDeviceId, {}));
  add(out, context, FrameKind::kDeviceId, encapsulated(codec::kMeiReadDeviceId, pattern(1)));
  add(out, context, FrameKind::kDeviceId,
      encapsulated(codec::kMeiReadDeviceId, Pdu{std::byte{1}, std::byte{0}, std::byte{0}}));
  for (const unsigned mei : {0x0DU, 0x00U, 0x0FU, 0xFFU}) {
    for (const std::size_t length : {0U, 1U, 4U})
      add(out, context, FrameKind::kBadMei, encapsulated(mei, pattern(length)));
  }
  return out;
}

}  // namespace mbh::netfuzz
