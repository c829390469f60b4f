#include "harness/codec/adu_framer.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <vector>

#include "golden_vectors.hpp"
#include "harness/codec/request_codec.hpp"
#include "hex_bytes.hpp"
#include "pdu_generators.hpp"

namespace mbh::codec {
namespace {

using testing::hex;
using testing::to_hex;

// What a stream turned into: the frames as hex, then how it ended.
struct Framed {
  std::vector<std::string> frames;
  std::string ending;  // "need N" or the error's identifier@offset
  friend bool operator==(const Framed&, const Framed&) = default;
};

void drain(StreamFramer& framer, Framed& out) {
  for (;;) {
    auto result = framer.next();
    if (auto* framed = std::get_if<FramedAdu>(&result)) {
      std::vector<std::byte> whole(kMbapSize);
      encode_mbap(framed->adu.header, std::span<std::byte, kMbapSize>(whole));
      whole.insert(whole.end(), framed->adu.pdu.begin(), framed->adu.pdu.end());
      out.frames.push_back(to_hex(whole));
      continue;
    }
    if (auto* more = std::get_if<NeedMore>(&result)) {
      out.ending = "need " + std::to_string(more->at_least);
    } else {
      const auto& error = std::get<DecodeError>(result);
      out.ending = std::string(identifier(error.code)) + "@" + std::to_string(error.offset);
    }
    return;
  }
}

// Feeds the stream in pieces cut at `cuts` (offsets, ascending), draining after each piece.
Framed frame_stream(const std::vector<std::byte>& stream, const std::vector<std::size_t>& cuts) {
  StreamFramer framer;
  Framed out;
  std::size_t at = 0;
  auto feed_until = [&](std::size_t end) {
    while (at < end && !framer.failed()) {
      at += framer.feed(std::span(stream).subspan(at, end - at));
      drain(framer, out);
    }
  };
  for (std::size_t cut : cuts)
    feed_until(std::min(cut, stream.size()));
  feed_until(stream.size());
  if (stream.empty()) drain(framer, out);
  return out;
}

TEST(AduFramer, FramesTheSpecificationsExampleSplitAtEveryByte) {
  const auto stream = hex("00 01 00 00 00 06 11 03 00 6B 00 03");
  const Framed whole = frame_stream(stream, {});
  ASSERT_EQ(whole.frames, std::vector<std::string>{"00 01 00 00 00 06 11 03 00 6B 00 03"});
  EXPECT_EQ(whole.ending, "need 7");
  for (std::size_t a = 0; a <= stream.size(); ++a) {
    for (std::size_t b = a; b <= stream.size(); ++b) {
      EXPECT_EQ(frame_stream(stream, {a, b}), whole) << "cut at " << a << " and " << b;
    }
  }
}

TEST(AduFramer, FramesEveryGoldenVectorFedOneByteAtATime) {
  std::vector<std::byte> stream;
  std::uint16_t transaction = 0;
  for (const auto& vector : testing::golden_vectors()) {
    const auto adu = encode_adu(++transaction, 1, vector.request);
    stream.insert(stream.end(), adu.span().begin(), adu.span().end());
  }
  std::vector<std::size_t> every_byte;
  for (std::size_t i = 1; i < stream.size(); ++i)
    every_byte.push_back(i);
  const Framed framed = frame_stream(stream, every_byte);
  EXPECT_EQ(framed.frames.size(), testing::golden_vectors().size());
  EXPECT_EQ(framed, frame_stream(stream, {}));
}

TEST(AduFramer, ReportsHowManyBytesItStillNeeds) {
  EXPECT_EQ(std::get<NeedMore>(frame_adu(hex("00 01 00"))).at_least, 4U);
  EXPECT_EQ(std::get<NeedMore>(frame_adu(hex("00 01 00 00 00 06 11 03"))).at_least, 4U);
}

TEST(AduFramer, FramingErrorsAreFinalAndSayWhereTheyWere) {
  struct Case {
    const char* stream;
    const char* ending;
    std::size_t frames;
  };
  const Case cases[] = {
      {"00 01 00 01 00 06 11 03 00 6B 00 03", "bad-protocol-id@2", 0},
      {"00 01 00 00 00 00 11", "length-too-small@4", 0},
      {"00 01 00 00 00 01 11", "length-too-small@4", 0},
      {"00 01 00 00 00 FF 11", "length-too-large@4", 0},
      {"00 01 00 00 01 00 11", "length-too-large@4", 0},
      // A good frame, then garbage: the good frame is delivered, then the error, at its
      // offset in the stream.
      {"00 01 00 00 00 06 11 03 00 6B 00 03 47 45 54 20 2F 20 48 54 54 50", "bad-protocol-id@14",
       1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.stream);
    const Framed framed = frame_stream(hex(c.stream), {});
    EXPECT_EQ(framed.ending, c.ending);
    EXPECT_EQ(framed.frames.size(), c.frames);
  }
}

TEST(AduFramer, MemoryStaysBoundedWhateverTheInput) {
  StreamFramer framer;
  // A valid header announcing 254 bytes, then a stream of bytes that never completes more
  // than one frame at a time: the buffer never holds more than its capacity.
  std::vector<std::byte> chunk(1000, std::byte{0});
  std::size_t fed = 0;
  for (int i = 0; i < 100 && !framer.failed(); ++i) {
    fed += framer.feed(chunk);
    EXPECT_LE(framer.buffered(), StreamFramer::kCapacity);
    Framed ignored;
    drain(framer, ignored);
  }
  EXPECT_TRUE(framer.failed());  // zeros are length 0: the stream is not Modbus
  EXPECT_LE(fed, StreamFramer::kCapacity);
  static_assert(sizeof(StreamFramer) < 2 * StreamFramer::kCapacity);
}

RC_GTEST_PROP(AduFramerProperty, FramesDoNotDependOnWhereTheStreamIsCut,
              (const std::vector<Request>& requests, std::vector<std::size_t> cuts,
               const std::vector<std::uint8_t>& tail)) {
  std::vector<std::byte> stream;
  std::uint16_t transaction = 0;
  for (const auto& request : requests) {
    const auto adu = encode_adu(++transaction, 0xFF, request);
    stream.insert(stream.end(), adu.span().begin(), adu.span().end());
  }
  for (auto b : tail)
    stream.push_back(std::byte{b});  // often garbage, sometimes not
  for (auto& cut : cuts)
    cut = stream.empty() ? 0 : cut % (stream.size() + 1);
  std::sort(cuts.begin(), cuts.end());
  const Framed whole = frame_stream(stream, {});
  RC_ASSERT(frame_stream(stream, cuts) == whole);
  RC_ASSERT(whole.frames.size() >= requests.size());
}

}  // namespace
}  // namespace mbh::codec
