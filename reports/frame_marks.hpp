#pragma once
// Which bytes of a response are at fault, for a reader to see them marked in its hex dump:
// exchange::answer_faults() (every MBAP field at fault, then the PDU's first fault), each
// explained in the words `mbharness decode` prints for the same bytes. A mark of width 0
// says where missing bytes start.
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
