#pragma once
// How a server's framer sees one generated send: the frames it would cut from the bytes,
// whether any of them is a well-formed write (the live-plant safety check), and whether the
// bytes are exactly one frame. If not, the fuzzer drops the connection after the send, so that
// leftover bytes never join the next send into a frame nobody generated or checked, and the
// answer to a second frame is never taken for the next send's answer.
#include <cstddef>
#include <span>

namespace mbh::netfuzz {

struct StreamShape {
  std::size_t frames = 0;            // complete ADUs a framer cuts from the front
  bool carries_valid_write = false;  // one of them decodes as a valid FC 05/06/15/16/22/23
  bool whole_frames = false;         // the bytes are exactly those frames, nothing left over
  bool ends_partial = false;         // they end in part of a frame: a device must wait for more
};

StreamShape shape_of(std::span<const std::byte> bytes);

}  // namespace mbh::netfuzz
