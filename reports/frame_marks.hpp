#pragma once
// Which bytes of a response are at fault, for a reader to see them marked in its hex dump:
// the MBAP fields that disagree with the request (transaction id, unit id) or with the
// protocol (protocol id, a length that does not count the bytes that follow), and the byte
// where the codec found the PDU wrong (codec::DecodeError's offset, against the request when
// the request decodes). Several can be marked at once: every header field is compared, not
// only the first that differs.
//
// What is not marked: a response that frames and decodes and answers its request, but with
// values or an exception the rule does not allow (the check's message says so; no byte of the
// frame is malformed), and bytes that are missing (a mark of width 0 says where they stop).
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace mbh::reports {

struct ByteMark {
  std::size_t offset = 0;  // in the frame, MBAP header included
  std::size_t width = 0;   // bytes marked; 0: bytes are missing from `offset` on
  std::string why;         // "transaction id 13 (0x000D); the request's is 12 (0x000C)"

  friend bool operator==(const ByteMark&, const ByteMark&) = default;
};

// In frame order; none for a response without fault, or an empty one.
std::vector<ByteMark> response_marks(std::span<const std::byte> response,
                                     std::span<const std::byte> request);

}  // namespace mbh::reports
