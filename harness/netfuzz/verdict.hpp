#pragma once
// INTERFACE.md's definitions of a crash and a hang, as a pure function of what one send got
// and what a valid read on a fresh connection got afterwards. A device that closes the
// connection on garbage but answers the read afterwards behaves correctly (Modbus TCP cannot
// resynchronise), so that is no finding.
#include <cstdint>
#include <optional>
#include <string_view>

namespace mbh::netfuzz {

// What a send, or the probe, got: the client's statuses folded into what the verdict needs.
enum class Observed : std::uint8_t {
  kAnswered,     // a complete frame came back (right or wrong)
  kNoAnswer,     // nothing, or not a whole frame, within the timeout
  kClosed,       // the connection was reset or closed before a whole answer
  kRefused,      // no connection could be opened
  kUnframable,   // bytes that cannot be framed came back: the device is alive
  kInterrupted,  // the run was interrupted: no verdict
};

// kAnomaly is a finding's kind (anomaly.hpp), never judge()'s.
enum class Verdict : std::uint8_t { kNone, kCrash, kHang, kAnomaly };

std::string_view verdict_name(Verdict verdict);  // "none", "crash", "hang", "anomaly"

// Whether the send's outcome calls for a probe at all (only a missing answer does).
bool needs_probe(Observed sent);

// `probe` is what the valid read afterwards got, on a fresh connection; nullopt when none was
// made (needs_probe said no, or the run was interrupted).
Verdict judge(Observed sent, std::optional<Observed> probe);

// One sentence for a finding's `observed` field.
std::string_view describe(Observed observed);

}  // namespace mbh::netfuzz
