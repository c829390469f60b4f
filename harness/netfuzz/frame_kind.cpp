#include "harness/netfuzz/frame_kind.hpp"

namespace mbh::netfuzz {
namespace {

constexpr std::array<std::string_view, kFrameKindCount> kKindNames{
    "model-read",         "edge-read",         "bit-flip",
    "byte-flip",          "length-short",      "length-long",
    "length-zero",        "protocol-id",       "wrong-unit",
    "truncated-pdu",      "oversized-pdu",     "unknown-function",
    "exception-function", "bad-mei",           "byte-count-mismatch",
    "quantity-zero",      "quantity-over-max", "trailing-garbage",
    "glued-frames",       "lone-header",       "write",
    "boundary-read",      "address-overflow",  "boundary-write",
    "pairwise",           "read-write-ranges", "mask-write",
    "file-record",        "diagnostic",        "device-id",
    "split-bytes",        "held-connections",  "slow-drip",
    "feedback-mutation",
};

}  // namespace

std::string_view kind_name(FrameKind kind) {
  const auto index = static_cast<std::size_t>(kind);
  return index < kKindNames.size() ? kKindNames[index] : "unknown";
}

std::optional<FrameKind> kind_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) return static_cast<FrameKind>(i);
  }
  return std::nullopt;
}

}  // namespace mbh::netfuzz
