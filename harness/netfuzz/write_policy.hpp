#pragma once
// What `fuzz` may write (RULES.md "Writes and safety": these classes bind `fuzz
// --allow-writes` too). With --allow-writes, well-formed writes go only to rows of the fuzzed
// unit whose safety class the flags allow: `setting` alone by default, `actuating` and `clock`
// with --allow-actuation, `destructive` and `connectivity` with --allow-destructive; never a
// `command` row (Enapter Configuration Begin/Commit) and never an Enapter configuration
// register (holding 4002 and up), which only the configuration sequence may write and the
// fuzzer does not run. A send whose frames hold any other valid write (another unit, a coil,
// a read-only row, a gap between rows, a row of a class not allowed, a file record) may not go, nor
// one holding FC 08 sub-function 0x0001 or 0x0004 without --allow-destructive. Pure: the generator
// redraws what this refuses, and the fuzz loop checks every send again before it goes.
#include <cstdint>
#include <string_view>
#include <vector>

#include "harness/netfuzz/frame_stream.hpp"
#include "models/register_map.hpp"

namespace mbh::netfuzz {

struct WriteFlags {
  bool allow_writes = false;       // --allow-writes: well-formed writes at all
  bool allow_actuation = false;    // --allow-actuation: actuating and clock rows too
  bool allow_destructive = false;  // --allow-destructive: destructive and connectivity rows,
                                   // and FC 08 sub-functions 0x0001 and 0x0004
};

// Whether the flags let `fuzz` write `row` (allow_writes aside).
bool class_allowed(models::SafetyClass safety, const WriteFlags& flags);
bool row_allowed(const models::RegisterMap& map, const models::RegisterRow& row,
                 const WriteFlags& flags);

enum class Refusal : std::uint8_t {
  kNone,                   // the send may go
  kWriteNotAllowed,        // a valid write, and --allow-writes not given
  kOtherUnit,              // a valid write to a unit other than the fuzzed one
  kCoils,                  // a valid coil write: the maps have no coils
  kRowNotAllowed,          // a valid write reaching a gap or a row the flags do not allow,
                           // or a file record (FC 21: the maps have no files)
  kDestructiveDiagnostic,  // FC 08 0x0001 / 0x0004 without --allow-destructive
};

std::string_view refusal_text(Refusal refusal);

class WritePolicy {
 public:
  WritePolicy(const models::RegisterMap& map, std::uint8_t unit, WriteFlags flags);

  // The rows well-formed writes may reach, in address order (empty without allow_writes).
  const std::vector<const models::RegisterRow*>& rows() const { return rows_; }

  Refusal check(const StreamShape& shape) const;
  bool permits(const StreamShape& shape) const { return check(shape) == Refusal::kNone; }

  // The rows the writes of a permitted send reach, each once, in address order.
  std::vector<const models::RegisterRow*> touched(const StreamShape& shape) const;

  const WriteFlags& flags() const { return flags_; }

 private:
  const models::RegisterRow* row_at(std::uint32_t address) const;  // an allowed row, or null

  std::uint8_t unit_;
  WriteFlags flags_;
  std::vector<const models::RegisterRow*> rows_;
};

}  // namespace mbh::netfuzz
