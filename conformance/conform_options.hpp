#pragma once
// What a conformance run is asked to do: the device, the rules, and what it may write.
#include <cstdint>
#include <string>
#include <vector>

#include "models/register_map.hpp"
#include "models/rule_table.hpp"

namespace mbh::conformance {

struct ConformOptions {
  const models::RegisterMap* map = nullptr;
  std::uint8_t unit = 0;   // the unit id the device answers as
  std::string target{};    // "127.0.0.1:5020", for the report and the reproduce commands
  std::uint64_t seed = 1;  // the random reads; the same seed gives the same checks
  std::vector<models::RuleId> only{};  // empty: every rule
  bool strict = false;
  bool read_only = false;          // writes nothing at all
  bool allow_actuation = false;    // also `actuating` and `clock` registers
  bool allow_destructive = false;  // also `destructive` and `connectivity` registers
  std::size_t random_reads = 200;  // cases of the random-read property
  std::size_t max_shrinks = 200;   // requests spent shrinking one failure
  std::size_t give_up_after = 3;   // consecutive requests without an answer that end the run
  std::string timeout_text{};      // "--timeout 200" etc. for the reproduce command; "" default
};

}  // namespace mbh::conformance
