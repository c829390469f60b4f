#pragma once
// The frames `mbharness fuzz` sends, as whole ADUs, deterministic from a seed: the same seed,
// map and unit (and the same outcomes fed back) give the same sequence. First a fixed pass
// derived from the model (every block whole where it fits, its first and last register,
// quantities 125 and 126, the addresses just outside it) and a pass of notable function codes;
// then the catalogue of bug classes (edge_frames.hpp, function_frames.hpp, allowed_writes.hpp),
// one frame in two, between frames of a random mix of model reads and mutations of every
// FrameKind, one in four of which walks a pairwise covering array (pairwise_frames.hpp).
//
// Feedback: after each send the caller reports the outcome's class (outcome_class.hpp); a
// frame whose outcome is new for its function and kind joins a bounded pool, and a third of
// the random mix then mutates frames of the pool.
//
// Safety on live plant: every candidate is checked against the WritePolicy (write_policy.hpp)
// and one it refuses is drawn again. Unless allow_writes, no send ever carries a frame that
// decodes as a valid write request; with it, valid writes reach only rows of the fuzzed unit
// whose safety class the flags allow. No send carries FC 08 sub-function 0x0001 or 0x0004
// unless allow_destructive. Write-shaped mutations are structurally invalid, and aimed at an
// address the model does not mark writable, in case a lenient device executes them anyway.
#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <vector>

#include "harness/netfuzz/frame_kind.hpp"
#include "harness/netfuzz/interesting_pool.hpp"
#include "harness/netfuzz/outcome_memory.hpp"
#include "harness/netfuzz/pairwise.hpp"
#include "harness/netfuzz/planned_frame.hpp"
#include "harness/netfuzz/send_safety.hpp"
#include "harness/netfuzz/write_policy.hpp"
#include "models/register_map.hpp"

namespace mbh::netfuzz {

struct GeneratorOptions {
  const models::RegisterMap* map = nullptr;  // required
  std::uint8_t unit = 1;
  std::uint64_t seed = 0;
  bool allow_writes = false;
  bool allow_actuation = false;    // with allow_writes: actuating and clock rows too
  bool allow_destructive = false;  // destructive and connectivity rows; FC 08 0x0001/0x0004
  bool feedback = true;            // false: feedback() only counts, the frames do not change
};

WriteFlags write_flags(const GeneratorOptions& options);

struct GeneratedFrame {
  std::vector<std::byte> bytes;  // the whole send: one ADU, or more or less than one
  FrameKind kind = FrameKind::kModelRead;
  std::uint64_t index = 0;  // 0 for the first frame of a run
};

class FrameGenerator {
 public:
  explicit FrameGenerator(const GeneratorOptions& options);

  GeneratedFrame next();

  const WritePolicy& policy() const { return policy_; }

  // The outcome of sending `frame` (one this generator gave).
  void feedback(const GeneratedFrame& frame, const OutcomeClass& outcome);
  // Distinct (function sent, frame kind, outcome class) triples reported so far, bounded.
  std::size_t classes_seen() const { return memory_.size(); }

 private:
  SendContext context(std::uint8_t unit) const { return {options_.map, &policy_, unit}; }
  GeneratedFrame candidate();
  GeneratedFrame random_frame();
  GeneratedFrame planned(const PlannedFrame& frame);
  std::optional<GeneratedFrame> pairwise();
  GeneratedFrame catalogue_frame(FrameKind kind, bool change);
  GeneratedFrame feedback_mutation();
  InterestingFrame& rarest_of_sample();
  std::vector<std::byte> adu(const std::vector<std::byte>& pdu, std::uint8_t unit);
  std::vector<std::byte> model_read_pdu();
  std::vector<std::byte> mutation(FrameKind kind);
  std::uint16_t unwritable_address();
  unsigned below(std::size_t bound);  // uniform in [0, bound), 0 when bound is 0
  std::vector<std::byte> random_bytes(std::size_t count);

  GeneratorOptions options_;
  WritePolicy policy_;
  std::mt19937_64 rng_;
  std::deque<PlannedFrame> plan_;
  bool held_due_ = false;   // the next model read goes with connections held
  bool drip_due_ = false;   // the next model read drips
  std::size_t lead_ = 0;    // the model and notable passes: sent before the catalogue
  bool plan_turn_ = false;  // the catalogue alternates with random frames
  std::vector<PlannedFrame> catalogue_;
  std::array<std::vector<std::size_t>, kFrameKindCount> catalogue_by_kind_;
  std::vector<CoveringRow> covering_;
  std::size_t covering_next_ = 0;
  std::uint64_t random_count_ = 0;
  std::vector<std::uint16_t> unwritable_;  // holding addresses the model does not let be written
  std::uint64_t index_ = 0;
  std::uint16_t transaction_id_ = 1;
  OutcomeMemory memory_;
  InterestingPool pool_;
};

// A valid read of the map's first register: the probe that tells an alive device from a
// crashed or hung one.
std::vector<std::byte> probe_pdu(const models::RegisterMap& map);

}  // namespace mbh::netfuzz
