#include "harness/netfuzz/frame_generator.hpp"

#include <algorithm>
#include <array>

#include "harness/codec/mbap_header.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "harness/netfuzz/allowed_writes.hpp"
#include "harness/netfuzz/byte_of.hpp"
#include "harness/netfuzz/edge_frames.hpp"
#include "harness/netfuzz/frame_mutator.hpp"
#include "harness/netfuzz/frame_stream.hpp"
#include "harness/netfuzz/function_frames.hpp"
#include "harness/netfuzz/pairwise_frames.hpp"

namespace mbh::netfuzz {
namespace {

using Bytes = std::vector<std::byte>;

using bytes::b;

void put16(Bytes& out, unsigned value) {
  out.push_back(b(value >> 8));
  out.push_back(b(value));
}

std::uint8_t read_function(models::Space space) {
  return space == models::Space::kHolding ? 0x03 : 0x04;
}

Bytes read_pdu(std::uint8_t function, unsigned address, unsigned quantity) {
  Bytes pdu{b(function)};
  put16(pdu, address);
  put16(pdu, quantity);
  return pdu;
}

// Function codes worth one frame each in every run, whatever the seed: the ones devices
// implement half-heartedly (diagnostics, report server id, FIFO, file records), 0x00, and
// exception-flagged codes. A run reaches them within its first few hundred frames.
struct Notable {
  FrameKind kind;
  std::array<std::uint8_t, 5> pdu;
  std::size_t size;
};
constexpr std::array<Notable, 16> kNotable{{
    {FrameKind::kUnknownFunction, {0x00}, 1},
    {FrameKind::kUnknownFunction, {0x07}, 1},
    {FrameKind::kUnknownFunction, {0x08, 0x00, 0x00, 0x12, 0x34}, 5},
    {FrameKind::kUnknownFunction, {0x0B}, 1},
    {FrameKind::kUnknownFunction, {0x0C}, 1},
    {FrameKind::kUnknownFunction, {0x11}, 1},
    {FrameKind::kUnknownFunction, {0x14, 0x00}, 2},
    {FrameKind::kUnknownFunction, {0x15, 0x00}, 2},
    {FrameKind::kUnknownFunction, {0x18, 0x00, 0x00}, 3},
    {FrameKind::kBadMei, {0x2B, 0x0D}, 2},
    {FrameKind::kBadMei, {0x2B, 0x0E, 0x00, 0x00}, 4},
    {FrameKind::kBadMei, {0x2B}, 1},
    {FrameKind::kUnknownFunction, {0x41, 0x00}, 2},
    {FrameKind::kExceptionFunction, {0x80}, 1},
    {FrameKind::kExceptionFunction, {0x83, 0x00, 0x00, 0x00, 0x01}, 5},
    {FrameKind::kExceptionFunction, {0xFF}, 1},
}};

constexpr std::array<std::uint8_t, 11> kImplemented{0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
                                                    0x0F, 0x10, 0x16, 0x17, 0x2B};

// Relative weights of the random phase. Length-long and lone-header sends cost a whole
// timeout each (the device must wait for bytes that never come), so they are rarer.
struct Weight {
  FrameKind kind;
  unsigned weight;
};
constexpr std::array<Weight, kFrameKindCount> kWeights{{
    {FrameKind::kModelRead, 30},
    {FrameKind::kEdgeRead, 4},
    {FrameKind::kBitFlip, 6},
    {FrameKind::kByteFlip, 6},
    {FrameKind::kLengthShort, 4},
    {FrameKind::kLengthLong, 1},
    {FrameKind::kLengthZero, 3},
    {FrameKind::kProtocolId, 3},
    {FrameKind::kWrongUnit, 3},
    {FrameKind::kTruncatedPdu, 4},
    {FrameKind::kOversizedPdu, 3},
    {FrameKind::kUnknownFunction, 4},
    {FrameKind::kExceptionFunction, 3},
    {FrameKind::kBadMei, 4},
    {FrameKind::kByteCountMismatch, 4},
    {FrameKind::kQuantityZero, 4},
    {FrameKind::kQuantityOverMax, 4},
    {FrameKind::kTrailingGarbage, 4},
    {FrameKind::kGluedFrames, 4},
    {FrameKind::kLoneHeader, 1},
    {FrameKind::kWrite, 6},
    {FrameKind::kBoundaryRead, 3},
    {FrameKind::kAddressOverflow, 2},
    {FrameKind::kBoundaryWrite, 2},
    {FrameKind::kPairwise, 0},  // walked in order, one random-phase frame in four
    {FrameKind::kReadWriteRanges, 2},
    {FrameKind::kMaskWrite, 1},
    {FrameKind::kFileRecord, 2},
    {FrameKind::kDiagnostic, 2},
    {FrameKind::kDeviceId, 2},
    {FrameKind::kSplitBytes, 0},        // model reads relabelled, at fixed frame indices
    {FrameKind::kHeldConnections, 0},   // likewise
    {FrameKind::kSlowDrip, 0},          // likewise
    {FrameKind::kFeedbackMutation, 0},  // a share of its own once feedback found something
}};

// Of the random phase: one frame in kPairwiseEvery is the next row of the covering array, one
// in kMutationEvery mutates a frame of the feedback pool once the pool holds any.
constexpr std::uint64_t kPairwiseEvery = 4;
constexpr unsigned kMutationEvery = 3;
// Of the random phase: a model read drawn at a frame index that is a multiple of kSplitEvery
// goes in pieces.
constexpr std::uint64_t kSplitEvery = 64;
// Likewise the first model read from index kHeldAt on, in every kHeldEvery, goes with
// connections held, and the first from kDripAt on drips.
constexpr std::uint64_t kHeldEvery = 128;
constexpr std::uint64_t kHeldAt = 32;
constexpr std::uint64_t kDripAt = 96;
// Mutations a new find gets before the pool is drawn from evenly.
constexpr std::uint32_t kBurst = 24;

// A model read sent another way (in pieces, with connections held, dripped).
bool relabelled_read(FrameKind kind) {
  return kind == FrameKind::kSplitBytes || kind == FrameKind::kHeldConnections ||
         kind == FrameKind::kSlowDrip;
}

bool writable(const models::RegisterMap& map, std::uint16_t address) {
  return std::ranges::any_of(map.rows, [&](const models::RegisterRow& row) {
    return row.space == models::Space::kHolding && row.access == models::Access::kReadWrite &&
           address >= row.address && address < row.address + row.type.register_count();
  });
}

}  // namespace

WriteFlags write_flags(const GeneratorOptions& options) {
  return {options.allow_writes, options.allow_actuation, options.allow_destructive};
}

std::vector<std::byte> probe_pdu(const models::RegisterMap& map) {
  if (map.blocks.empty()) return read_pdu(0x03, 0, 1);
  const auto& block = map.blocks.front();
  return read_pdu(read_function(block.space), block.first, 1);
}

FrameGenerator::FrameGenerator(const GeneratorOptions& options)
    : options_(options),
      policy_(*options.map, options.unit, write_flags(options)),
      rng_(options.seed) {
  const models::RegisterMap& map = *options_.map;
  for (const auto& block : map.blocks) {
    const std::uint8_t function = read_function(block.space);
    const unsigned size = block.last - block.first + 1U;
    if (size <= codec::kMaxReadRegisters) {
      plan_.push_back({FrameKind::kModelRead, read_pdu(function, block.first, size), {}});
    }
    plan_.push_back({FrameKind::kModelRead, read_pdu(function, block.first, 1), {}});
    plan_.push_back({FrameKind::kModelRead, read_pdu(function, block.last, 1), {}});
    plan_.push_back({FrameKind::kEdgeRead, read_pdu(function, block.first, 125), {}});
    plan_.push_back({FrameKind::kEdgeRead, read_pdu(function, block.first, 126), {}});
    if (block.first > 0) {
      plan_.push_back({FrameKind::kEdgeRead, read_pdu(function, block.first - 1U, 1), {}});
    }
    if (block.last < 0xFFFF) {
      plan_.push_back({FrameKind::kEdgeRead, read_pdu(function, block.last + 1U, 1), {}});
    }
  }
  for (const auto& notable : kNotable) {
    plan_.push_back({notable.kind,
                     Bytes(reinterpret_cast<const std::byte*>(notable.pdu.data()),
                           reinterpret_cast<const std::byte*>(notable.pdu.data()) + notable.size),
                     {}});
  }
  // A read in pieces ends the lead: a stack that frames by what one read of its socket holds
  // falls over it, and a well-behaved one answers it as any read.
  if (!map.blocks.empty()) {
    const auto& block = map.blocks.front();
    plan_.push_back(
        {FrameKind::kSplitBytes, read_pdu(read_function(block.space), block.first, 1), {}});
  }
  lead_ = plan_.size();
  // The catalogue of bug classes, the cheapest to reach first: each list holds only frames the
  // policy and the lenient-device rule let go.
  const SendContext here = context(options_.unit);
  for (auto&& part :
       {mbap_length_frames(here), read_write_range_frames(here), overflow_frames(here),
        byte_count_frames(here), allowed_write_frames(here), device_id_frames(here),
        diagnostic_frames(here), file_record_frames(here), mask_write_frames(here),
        boundary_write_frames(here), boundary_read_frames(here)}) {
    catalogue_.insert(catalogue_.end(), part.begin(), part.end());
  }
  for (std::size_t i = 0; i < catalogue_.size(); ++i) {
    catalogue_by_kind_[static_cast<std::size_t>(catalogue_[i].kind)].push_back(i);
  }
  plan_.insert(plan_.end(), catalogue_.begin(), catalogue_.end());
  const auto levels = pairwise_levels();
  covering_ = covering_array(levels);
  // Addresses just outside the holding blocks, and read-only holding rows: where write-shaped
  // mutations aim.
  for (const auto& block : map.blocks) {
    if (block.space != models::Space::kHolding) continue;
    if (block.first > 0 && !writable(map, static_cast<std::uint16_t>(block.first - 1U))) {
      unwritable_.push_back(static_cast<std::uint16_t>(block.first - 1U));
    }
    if (block.last < 0xFFFF && !writable(map, static_cast<std::uint16_t>(block.last + 1U))) {
      unwritable_.push_back(static_cast<std::uint16_t>(block.last + 1U));
    }
  }
  for (const auto& row : map.rows) {
    if (row.space == models::Space::kHolding && row.access == models::Access::kRead) {
      unwritable_.push_back(row.address);
    }
  }
  if (unwritable_.empty()) unwritable_.push_back(0xFFFF);
}

GeneratedFrame FrameGenerator::next() {
  GeneratedFrame frame = candidate();
  // A draw the policy refuses (a valid write it does not allow, a destructive FC 08) is drawn
  // again; a plain model read ends the loop should a map ever make every draw unsafe.
  for (int attempt = 0; !policy_.permits(shape_of(frame.bytes)); ++attempt) {
    frame = attempt < 100
                ? random_frame()
                : GeneratedFrame{adu(model_read_pdu(), options_.unit), FrameKind::kModelRead, 0};
  }
  // Now and then a model read goes in pieces (no draw of its own: the frames after it stay
  // the seed's).
  if (index_ >= lead_) {
    if (index_ % kHeldEvery == kHeldAt) held_due_ = true;
    if (index_ % kHeldEvery == kDripAt) drip_due_ = true;
  }
  if (frame.kind == FrameKind::kModelRead && index_ >= lead_) {
    if (index_ % kSplitEvery == 0) {
      frame.kind = FrameKind::kSplitBytes;
    } else if (held_due_) {
      frame.kind = FrameKind::kHeldConnections;
      held_due_ = false;
    } else if (drip_due_) {
      frame.kind = FrameKind::kSlowDrip;
      drip_due_ = false;
    }
  }
  frame.index = index_++;
  return frame;
}

GeneratedFrame FrameGenerator::candidate() {
  if (plan_.empty()) return random_frame();
  if (index_ >= lead_) {
    plan_turn_ = !plan_turn_;
    if (!plan_turn_) return random_frame();
  }
  const PlannedFrame next = std::move(plan_.front());
  plan_.pop_front();
  return planned(next);
}

GeneratedFrame FrameGenerator::planned(const PlannedFrame& frame) {
  Bytes bytes = adu(frame.pdu, options_.unit);
  if (frame.mbap_length) {
    bytes[4] = b(*frame.mbap_length >> 8U);
    bytes[5] = b(*frame.mbap_length);
  }
  return {std::move(bytes), frame.kind, 0};
}

std::optional<GeneratedFrame> FrameGenerator::pairwise() {
  // Rows no block lets go (a write at a writable register) are passed over.
  for (std::size_t tries = 0; tries < covering_.size(); ++tries) {
    const std::size_t at = covering_next_++;
    if (auto frame = pairwise_frame(context(options_.unit), covering_[at % covering_.size()],
                                    at / covering_.size())) {
      return planned(*frame);
    }
  }
  return std::nullopt;
}

GeneratedFrame FrameGenerator::catalogue_frame(FrameKind kind, bool change) {
  const auto& indices = catalogue_by_kind_[static_cast<std::size_t>(kind)];
  if (indices.empty()) return {adu(model_read_pdu(), options_.unit), FrameKind::kModelRead, 0};
  PlannedFrame frame = catalogue_[indices[below(indices.size())]];
  // Half the time one field changed, where the change may go.
  if (change && below(2) == 0 && !frame.mbap_length) {
    const auto& donor = catalogue_[indices[below(indices.size())]];
    if (auto changed = sendable(context(options_.unit), mutate_pdu(frame.pdu, donor.pdu, rng_))) {
      frame.pdu = std::move(*changed);
    }
  }
  return planned(frame);
}

GeneratedFrame FrameGenerator::feedback_mutation() {
  // A new find gets a burst of mutations of its own before the pool is drawn from evenly: what
  // just opened a class is worth most, and would drown among older finds otherwise.
  InterestingFrame& parent = pool_.newest().picks < kBurst ? pool_.newest() : rarest_of_sample();
  ++parent.picks;
  const Pdu donor = pool_.at(below(pool_.size())).pdu;
  for (int attempt = 0; attempt < 4; ++attempt) {
    Pdu pdu = parent.pdu;
    for (unsigned stacked = 1 + below(3); stacked > 0; --stacked)
      pdu = mutate_pdu(pdu, donor, rng_);
    if (auto safe = sendable(context(parent.unit), std::move(pdu))) {
      return {adu(*safe, parent.unit), FrameKind::kFeedbackMutation, 0};
    }
  }
  return {adu(model_read_pdu(), options_.unit), FrameKind::kModelRead, 0};
}

void FrameGenerator::feedback(const GeneratedFrame& frame, const OutcomeClass& outcome) {
  // A read in pieces is, to the feedback, the read it is: a device that answers it as any read
  // shows nothing new, and the draws after it stay the seed's.
  const RequestShape shape{frame.bytes.size() > codec::kMbapSize
                               ? std::to_integer<std::uint8_t>(frame.bytes[7])
                               : std::uint8_t{0},
                           relabelled_read(frame.kind) ? FrameKind::kModelRead : frame.kind};
  if (!memory_.record(shape, outcome) || !options_.feedback) return;
  if (frame.bytes.size() <= codec::kMbapSize) return;
  // The PDU as the bytes after the header; a send of several frames is not kept, since its
  // answer may be any of theirs.
  if (shape_of(frame.bytes).frames > 1) return;
  // Once the pool is full, the new frame replaces the one of a sample whose outcome is the
  // most common.
  std::size_t victim = 0;
  if (pool_.full()) {
    victim = below(pool_.size());
    for (int i = 0; i < 3; ++i) {
      const std::size_t other = below(pool_.size());
      if (memory_.hits(pool_.at(other).outcome) > memory_.hits(pool_.at(victim).outcome)) {
        victim = other;
      }
    }
  }
  pool_.add(
      {frame.kind, std::to_integer<std::uint8_t>(frame.bytes[6]),
       Pdu(frame.bytes.begin() + static_cast<std::ptrdiff_t>(codec::kMbapSize), frame.bytes.end()),
       outcome, 0},
      victim);
}

InterestingFrame& FrameGenerator::rarest_of_sample() {
  // The frame of a sample of four whose outcome came back least often: rare outcomes are
  // where a device's less trodden code is.
  std::size_t best = below(pool_.size());
  for (int i = 0; i < 3; ++i) {
    const std::size_t other = below(pool_.size());
    if (memory_.hits(pool_.at(other).outcome) < memory_.hits(pool_.at(best).outcome)) best = other;
  }
  return pool_.at(best);
}

GeneratedFrame FrameGenerator::random_frame() {
  if (!pool_.empty() && below(kMutationEvery) == 0) return feedback_mutation();
  if (++random_count_ % kPairwiseEvery == 0) {
    if (auto frame = pairwise()) return *frame;
  }
  unsigned total = 0;
  for (const auto& w : kWeights) {
    if (w.kind != FrameKind::kWrite || !policy_.rows().empty()) total += w.weight;
  }
  auto pick = below(total);
  FrameKind kind = FrameKind::kModelRead;
  for (const auto& w : kWeights) {
    if (w.kind == FrameKind::kWrite && policy_.rows().empty()) continue;
    if (pick < w.weight) {
      kind = w.kind;
      break;
    }
    pick -= w.weight;
  }
  if (kind == FrameKind::kModelRead) return {adu(model_read_pdu(), options_.unit), kind, 0};
  if (kind >= FrameKind::kBoundaryRead) return catalogue_frame(kind, true);
  // Half the byte-count mismatches and writes from the catalogue: its quantities and
  // addresses reach further, its writes span several rows. Writes are sent as built.
  if ((kind == FrameKind::kByteCountMismatch || kind == FrameKind::kWrite) && below(2) == 0 &&
      !catalogue_by_kind_[static_cast<std::size_t>(kind)].empty()) {
    return catalogue_frame(kind, kind != FrameKind::kWrite);
  }
  return {mutation(kind), kind, 0};
}

unsigned FrameGenerator::below(std::size_t bound) {
  return bound == 0 ? 0U : static_cast<unsigned>(rng_() % bound);
}

std::vector<std::byte> FrameGenerator::random_bytes(std::size_t count) {
  Bytes out(count);
  for (auto& byte : out)
    byte = b(static_cast<unsigned>(rng_()));
  return out;
}

std::vector<std::byte> FrameGenerator::adu(const std::vector<std::byte>& pdu, std::uint8_t unit) {
  Bytes out;
  out.reserve(codec::kMbapSize + pdu.size());
  put16(out, transaction_id_++);
  put16(out, 0);
  put16(out, static_cast<unsigned>(pdu.size() + 1));
  out.push_back(b(unit));
  out.insert(out.end(), pdu.begin(), pdu.end());
  return out;
}

std::vector<std::byte> FrameGenerator::model_read_pdu() {
  const auto blocks = options_.map->blocks;
  if (blocks.empty()) return read_pdu(0x03, 0, 1);
  const auto& block = blocks[below(blocks.size())];
  const unsigned address = block.first + below(block.last - block.first + 1U);
  const unsigned room = std::min<unsigned>(codec::kMaxReadRegisters, block.last - address + 1U);
  return read_pdu(read_function(block.space), address, 1 + below(room));
}

std::uint16_t FrameGenerator::unwritable_address() {
  return unwritable_[below(unwritable_.size())];
}

std::vector<std::byte> FrameGenerator::mutation(FrameKind kind) {
  const std::uint8_t unit = options_.unit;
  switch (kind) {
    case FrameKind::kEdgeRead: {
      const auto& block = options_.map->blocks[below(options_.map->blocks.size())];
      const std::uint8_t function = read_function(block.space);
      switch (below(3)) {
        case 0:
          return adu(read_pdu(function, block.first, 125 + below(2)), unit);
        case 1:
          return adu(read_pdu(function, (block.first + 0xFFFFU) & 0xFFFFU, 1), unit);
        default:
          return adu(read_pdu(function, (block.last + 1U) & 0xFFFFU, 1), unit);
      }
    }
    case FrameKind::kBitFlip:
    case FrameKind::kByteFlip: {
      Bytes frame = adu(model_read_pdu(), unit);
      const std::size_t changes = 1 + below(kind == FrameKind::kBitFlip ? 3 : 2);
      for (std::size_t i = 0; i < changes; ++i) {
        // The transaction id and the length are left alone: every frame keeps an id of its
        // own, and a longer length only makes the device wait (a kind of its own), so a flip
        // there would make flips cost a timeout each.
        std::size_t at = 2 + below(frame.size() - 4);  // protocol id, unit, PDU
        if (at >= 4) at += 2;
        if (kind == FrameKind::kBitFlip) {
          frame[at] ^= b(1U << below(8));
        } else {
          frame[at] = b(static_cast<unsigned>(rng_()));
        }
      }
      return frame;
    }
    case FrameKind::kLengthShort: {
      Bytes frame = adu(model_read_pdu(), unit);
      const unsigned length = codec::kMinMbapLength + below(4);  // 2..5
      frame[4] = b(length >> 8);
      frame[5] = b(length);
      return frame;
    }
    case FrameKind::kLengthLong: {
      Bytes frame = adu(model_read_pdu(), unit);
      const unsigned length = 6 + 1 + below(8);
      frame[4] = b(length >> 8);
      frame[5] = b(length);
      return frame;
    }
    case FrameKind::kLengthZero: {
      Bytes frame = adu(model_read_pdu(), unit);
      frame[4] = b(0);
      frame[5] = b(below(2));
      return frame;
    }
    case FrameKind::kProtocolId: {
      Bytes frame = adu(model_read_pdu(), unit);
      const unsigned protocol = 1 + below(0xFFFF);
      frame[2] = b(protocol >> 8);
      frame[3] = b(protocol);
      return frame;
    }
    case FrameKind::kWrongUnit: {
      const auto other = static_cast<std::uint8_t>(unit + 1 + below(255));
      return adu(model_read_pdu(), other);
    }
    case FrameKind::kTruncatedPdu: {
      Bytes pdu = model_read_pdu();
      pdu.resize(1 + below(pdu.size() - 1));
      return adu(pdu, unit);
    }
    case FrameKind::kOversizedPdu: {
      static constexpr std::array<std::uint8_t, 4> kFunctions{0x03, 0x10, 0x17, 0x2B};
      Bytes pdu = random_bytes(codec::kMaxPduSize + 1 + below(40));
      pdu[0] = b(kFunctions[below(kFunctions.size())]);
      return adu(pdu, unit);
    }
    case FrameKind::kUnknownFunction: {
      std::uint8_t function = 0;
      do {
        function = static_cast<std::uint8_t>(below(0x80));
      } while (std::ranges::find(kImplemented, function) != kImplemented.end());
      Bytes pdu = random_bytes(1 + below(9));
      pdu[0] = b(function);
      return adu(pdu, unit);
    }
    case FrameKind::kExceptionFunction: {
      Bytes pdu = random_bytes(1 + below(5));
      pdu[0] = b(0x80 + below(0x80));
      return adu(pdu, unit);
    }
    case FrameKind::kBadMei: {
      Bytes pdu{b(0x2B)};
      if (below(2) == 0) {
        std::uint8_t mei = 0;
        do {
          mei = static_cast<std::uint8_t>(rng_());
        } while (mei == codec::kMeiReadDeviceId);
        pdu.push_back(b(mei));
        const Bytes extra = random_bytes(below(4));
        pdu.insert(pdu.end(), extra.begin(), extra.end());
      } else {
        pdu.push_back(b(codec::kMeiReadDeviceId));
        pdu.push_back(below(2) == 0 ? b(0) : b(5 + below(251)));  // read code outside 1..4
        pdu.push_back(b(static_cast<unsigned>(rng_())));
      }
      return adu(pdu, unit);
    }
    case FrameKind::kByteCountMismatch: {
      const unsigned address = unwritable_address();
      const unsigned quantity = 1 + below(8);
      Bytes pdu;
      unsigned right = 0;
      switch (below(3)) {
        case 0:
          pdu = {b(0x0F)};
          put16(pdu, address);
          put16(pdu, quantity);
          right = (quantity + 7) / 8;
          break;
        case 1:
          pdu = {b(0x10)};
          put16(pdu, address);
          put16(pdu, quantity);
          right = 2 * quantity;
          break;
        default:
          pdu = read_pdu(0x17, address, 1);
          put16(pdu, address);
          put16(pdu, quantity);
          right = 2 * quantity;
          break;
      }
      // The byte count is wrong; the bytes that follow are what the count says, or what the
      // quantity says, so that either side of the mismatch is tested.
      const unsigned wrong = below(2) == 0 ? right + 1 + below(4) : below(right);
      pdu.push_back(b(wrong));
      const Bytes values = random_bytes(below(2) == 0 ? wrong : right);
      pdu.insert(pdu.end(), values.begin(), values.end());
      return adu(pdu, unit);
    }
    case FrameKind::kQuantityZero:
    case FrameKind::kQuantityOverMax: {
      const bool zero = kind == FrameKind::kQuantityZero;
      switch (below(4)) {
        case 0: {
          // One draw per statement: the order in which a call's arguments are evaluated is
          // the compiler's, and the same seed must give the same frames from every build.
          const auto function = static_cast<std::uint8_t>(1 + below(2));
          const std::uint16_t address = unwritable_address();
          return adu(read_pdu(function, address, zero ? 0U : codec::kMaxReadBits + 1U), unit);
        }
        case 1: {
          const auto& block = options_.map->blocks[below(options_.map->blocks.size())];
          return adu(read_pdu(read_function(block.space), block.first,
                              zero ? 0U : codec::kMaxReadRegisters + 1U),
                     unit);
        }
        case 2: {
          const unsigned quantity = zero ? 0U : codec::kMaxWriteRegisters + 1U;
          Bytes pdu{b(0x10)};
          put16(pdu, unwritable_address());
          put16(pdu, quantity);
          // The byte count a quantity over 123 would need does not fit a PDU: say 2 bytes
          // more than the values sent, so the frame is invalid whatever the device reads.
          pdu.push_back(b(zero ? 0U : 2U));
          if (!zero) {
            const Bytes values = random_bytes(2);
            pdu.insert(pdu.end(), values.begin(), values.end());
          }
          return adu(pdu, unit);
        }
        default: {
          Bytes pdu = read_pdu(0x17, unwritable_address(), zero ? 0U : 1U);
          put16(pdu, unwritable_address());
          put16(pdu, zero ? 0U : codec::kMaxReadWriteRegisters + 1U);
          pdu.push_back(b(0));
          return adu(pdu, unit);
        }
      }
    }
    case FrameKind::kTrailingGarbage: {
      Bytes pdu = model_read_pdu();
      const Bytes garbage = random_bytes(1 + below(8));
      if (below(2) == 0) {
        pdu.insert(pdu.end(), garbage.begin(), garbage.end());  // inside the length
        return adu(pdu, unit);
      }
      Bytes frame = adu(pdu, unit);
      frame.insert(frame.end(), garbage.begin(), garbage.end());  // after it
      return frame;
    }
    case FrameKind::kGluedFrames: {
      // Two, or up to 16 (requests pipelined without waiting, as many as a server's queue
      // may hold), in one segment.
      Bytes frame = adu(model_read_pdu(), unit);
      const unsigned more = below(2) == 0 ? 1U : 1U + below(15);
      for (unsigned i = 0; i < more; ++i) {
        const Bytes next = adu(model_read_pdu(), unit);
        frame.insert(frame.end(), next.begin(), next.end());
      }
      return frame;
    }
    case FrameKind::kLoneHeader: {
      Bytes frame = adu(model_read_pdu(), unit);
      frame.resize(codec::kMbapSize);
      return frame;
    }
    case FrameKind::kWrite: {
      // A row the policy allows: FC 06 or a mask write (FC 22) to a one-register row, FC 16
      // over the whole of a wider one, random values.
      const auto& rows = policy_.rows();
      if (rows.empty()) return adu(model_read_pdu(), unit);
      const models::RegisterRow& row = *rows[below(rows.size())];
      const auto count = static_cast<unsigned>(row.type.register_count());
      Bytes pdu;
      if (count > 1) {
        pdu = {b(0x10)};
        put16(pdu, row.address);
        put16(pdu, count);
        pdu.push_back(b(2 * count));
        const Bytes values = random_bytes(2 * count);
        pdu.insert(pdu.end(), values.begin(), values.end());
      } else if (below(4) == 0) {
        pdu = {b(0x16)};
        put16(pdu, row.address);
        put16(pdu, static_cast<unsigned>(rng_()));
        put16(pdu, static_cast<unsigned>(rng_()));
      } else {
        pdu = {b(0x06)};
        put16(pdu, row.address);
        put16(pdu, static_cast<unsigned>(rng_()));
      }
      return adu(pdu, unit);
    }
    case FrameKind::kModelRead:
    case FrameKind::kBoundaryRead:
    case FrameKind::kAddressOverflow:
    case FrameKind::kBoundaryWrite:
    case FrameKind::kPairwise:
    case FrameKind::kReadWriteRanges:
    case FrameKind::kMaskWrite:
    case FrameKind::kFileRecord:
    case FrameKind::kDiagnostic:
    case FrameKind::kDeviceId:
    case FrameKind::kSplitBytes:
    case FrameKind::kHeldConnections:
    case FrameKind::kSlowDrip:
    case FrameKind::kFeedbackMutation:
      break;  // built from the catalogue or the feedback pool
  }
  return adu(model_read_pdu(), unit);
}

}  // namespace mbh::netfuzz
