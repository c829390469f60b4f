// The stream framer on arbitrary bytes, cut at a fuzzer-chosen piece size (the first byte):
// the frames it yields do not depend on where the stream was cut, match the pure frame_adu()
// frame by frame, and stay within its fixed buffer.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <variant>

#include "fuzz/fuzz_input.hpp"
#include "harness/codec/adu_framer.hpp"

namespace {

using mbh::fuzz::invariant_broken;
namespace codec = mbh::codec;

bool same_header(const codec::Adu& a, const codec::Adu& b) {
  return a.header.transaction_id == b.header.transaction_id &&
         a.header.protocol_id == b.header.protocol_id && a.header.length == b.header.length &&
         a.header.unit_id == b.header.unit_id;
}

class FramerCheck {
 public:
  explicit FramerCheck(std::span<const std::byte> stream) : stream_(stream) {}

  void check_in_pieces(std::size_t piece) {
    codec::StreamFramer framer;
    std::size_t fed = 0;
    while (fed < stream_.size() && !framer.failed()) {
      const std::size_t want = std::min(piece, stream_.size() - fed);
      fed += framer.feed(stream_.subspan(fed, want));
      if (framer.buffered() > codec::StreamFramer::kCapacity) invariant_broken("framer overflow");
      drain(framer);
    }
    if (framer.failed()) return;
    // Every byte fed and no error: what is left must be a frame still incomplete.
    if (!std::holds_alternative<codec::NeedMore>(codec::frame_adu(stream_.subspan(framed_)))) {
      invariant_broken("the framer waits for more where frame_adu does not");
    }
  }

 private:
  void drain(codec::StreamFramer& framer) {
    for (;;) {
      const auto got = framer.next();
      if (std::holds_alternative<codec::NeedMore>(got)) return;
      const auto expected = codec::frame_adu(stream_.subspan(framed_));
      if (const auto* frame = std::get_if<codec::FramedAdu>(&got)) {
        const auto* want = std::get_if<codec::FramedAdu>(&expected);
        if (want == nullptr || want->size != frame->size) {
          invariant_broken("the framer yields a frame frame_adu does not");
        }
        if (frame->size > codec::kMaxAduSize) invariant_broken("frame over 260 bytes");
        const auto slice =
            stream_.subspan(framed_ + codec::kMbapSize, frame->size - codec::kMbapSize);
        if (!std::ranges::equal(frame->adu.pdu, slice) || !same_header(frame->adu, want->adu)) {
          invariant_broken("a frame is not the stream's next bytes");
        }
        framed_ += frame->size;
        continue;
      }
      if (const auto* error = std::get_if<codec::DecodeError>(&got)) {
        const auto* want = std::get_if<codec::DecodeError>(&expected);
        if (want == nullptr || want->code != error->code ||
            want->offset + framed_ != error->offset) {
          invariant_broken("the framer fails where or how frame_adu does not");
        }
        // The client reports a framing error to the user in these words.
        if (codec::message(error->code).empty() || codec::identifier(error->code).empty()) {
          invariant_broken("a framing error without a message or identifier");
        }
      }
      return;
    }
  }

  std::span<const std::byte> stream_;
  std::size_t framed_ = 0;  // stream bytes taken by frames so far
};

void check_framer(std::span<const std::byte> bytes) {
  if (bytes.empty()) return;
  const std::size_t piece = std::to_integer<std::size_t>(bytes[0]) % 29 + 1;
  FramerCheck(bytes.subspan(1)).check_in_pieces(piece);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check_framer(mbh::fuzz::ExactInput(data, size).span());
  return 0;
}
