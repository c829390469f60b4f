#pragma once
// The classes of outcome seen so far per request shape (function byte sent and frame kind),
// and how often each class came back whatever the shape: the rarer, the more a frame that
// produced it is worth mutating. Bounded: past `capacity` entries nothing more is remembered
// and nothing counts as new, so a run of any length holds at most that many of each.
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>

#include "harness/netfuzz/frame_kind.hpp"
#include "harness/netfuzz/outcome_class.hpp"

namespace mbh::netfuzz {

struct RequestShape {
  std::uint8_t function = 0;  // the first PDU byte sent, 0 when none
  FrameKind kind = FrameKind::kModelRead;
  auto operator<=>(const RequestShape&) const = default;
};

class OutcomeMemory {
 public:
  static constexpr std::size_t kDefaultCapacity = 4096;

  explicit OutcomeMemory(std::size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  // Remembers the pair; true when it was not seen before (and there was room).
  bool record(const RequestShape& shape, const OutcomeClass& outcome);

  std::size_t size() const { return seen_.size(); }
  // How often the class came back (saturating; 0 if never or not remembered).
  std::uint32_t hits(const OutcomeClass& outcome) const;
  std::size_t capacity() const { return capacity_; }

 private:
  struct Entry {
    RequestShape shape;
    OutcomeClass outcome;
    auto operator<=>(const Entry&) const = default;
  };
  std::size_t capacity_;
  std::set<Entry> seen_;
  std::map<OutcomeClass, std::uint32_t> hits_;
};

}  // namespace mbh::netfuzz
