#pragma once
// The exit statuses of INTERFACE.md, which scripts and CI jobs depend on: keep them stable.
namespace mbh::cli {

inline constexpr int kOk = 0;             // the run completed; for decode, the frame is well formed
inline constexpr int kViolation = 1;      // a violation; for decode, the frame is malformed
inline constexpr int kUsage = 2;          // bad option or argument; for decode, input not hex
inline constexpr int kUnreachable = 3;    // the target could not be reached
inline constexpr int kNotRestored = 4;    // a value the run changed could not be restored
inline constexpr int kInterrupted = 130;  // SIGINT, SIGTERM or SIGHUP, after restoring

}  // namespace mbh::cli
