#pragma once
// The frames `mbharness fuzz` sends, as whole ADUs, deterministic from a seed: the same seed,
// map and unit give the same sequence. First a fixed pass derived from the model (every block
// whole where it fits, its first and last register, quantities 125 and 126, the addresses just
// outside it) and a pass of notable function codes; then a random mix of model reads and
// mutations of every FrameKind.
//
// Safety on live plant: every candidate is checked against the WritePolicy (write_policy.hpp)
// and one it refuses is drawn again. Unless allow_writes, no send ever carries a frame that
// decodes as a valid write request; with it, valid writes reach only rows of the fuzzed unit
// whose safety class the flags allow. No send carries FC 08 sub-function 0x0001 or 0x0004
// unless allow_destructive. Write-shaped mutations are structurally invalid, and aimed at an
// address the model does not mark writable, in case a lenient device executes them anyway.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <random>
#include <vector>

#include "harness/netfuzz/frame_kind.hpp"
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

 private:
  struct Planned {
    FrameKind kind;
    std::vector<std::byte> pdu;
  };

  GeneratedFrame candidate();
  GeneratedFrame random_frame();
  std::vector<std::byte> adu(const std::vector<std::byte>& pdu, std::uint8_t unit);
  std::vector<std::byte> model_read_pdu();
  std::vector<std::byte> mutation(FrameKind kind);
  std::uint16_t unwritable_address();
  unsigned below(std::size_t bound);  // uniform in [0, bound), 0 when bound is 0
  std::vector<std::byte> random_bytes(std::size_t count);

  GeneratorOptions options_;
  WritePolicy policy_;
  std::mt19937_64 rng_;
  std::deque<Planned> plan_;
  std::vector<std::uint16_t> unwritable_;  // holding addresses the model does not let be written
  std::uint64_t index_ = 0;
  std::uint16_t transaction_id_ = 1;
};

// A valid read of the map's first register: the probe that tells an alive device from a
// crashed or hung one.
std::vector<std::byte> probe_pdu(const models::RegisterMap& map);

}  // namespace mbh::netfuzz
