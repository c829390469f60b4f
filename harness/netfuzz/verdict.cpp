#include "harness/netfuzz/verdict.hpp"

namespace mbh::netfuzz {

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kCrash:
      return "crash";
    case Verdict::kHang:
      return "hang";
    case Verdict::kAnomaly:
      return "anomaly";
    case Verdict::kNone:
      break;
  }
  return "none";
}

bool needs_probe(Observed sent) {
  return sent == Observed::kNoAnswer || sent == Observed::kClosed || sent == Observed::kRefused;
}

Verdict judge(Observed sent, std::optional<Observed> probe) {
  if (!needs_probe(sent) || !probe) return Verdict::kNone;
  const bool probe_failed =
      *probe == Observed::kNoAnswer || *probe == Observed::kClosed || *probe == Observed::kRefused;
  if (!probe_failed) return Verdict::kNone;
  return sent == Observed::kNoAnswer ? Verdict::kHang : Verdict::kCrash;
}

std::string_view describe(Observed observed) {
  switch (observed) {
    case Observed::kAnswered:
      return "a complete frame came back";
    case Observed::kNoAnswer:
      return "no answer within the timeout";
    case Observed::kClosed:
      return "the connection was closed or reset";
    case Observed::kRefused:
      return "the connection was refused";
    case Observed::kUnframable:
      return "bytes that cannot be framed came back";
    case Observed::kInterrupted:
      return "interrupted";
  }
  return "unknown";
}

}  // namespace mbh::netfuzz
