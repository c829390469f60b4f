#include "harness/capture/tcp_conversation.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <deque>
#include <vector>

#include "tests/capture/endpoints.hpp"

namespace mbh::capture {
namespace {

using client::ConnectionEnd;
using testing::v4;

using testing::kEnds;

// The parts of a segment a test looks at, with the sequence numbers relative to each side's
// initial one (as Wireshark shows them).
struct Seen {
  bool from_us;
  std::uint32_t seq;
  std::uint32_t ack;
  std::uint8_t flags;
  std::size_t length;
  bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Seen& s) {
  return out << (s.from_us ? "us" : "device") << " seq " << s.seq << " ack " << s.ack << " flags "
             << unsigned{s.flags} << " len " << s.length;
}

class Recorder {
 public:
  explicit Recorder(std::uint64_t seed = 1) : conversation_(kEnds, seed) {
    conversation_.open(segments_);
    our_isn_ = segments_.at(0).header.seq;
    device_isn_ = segments_.at(1).header.seq;
  }
  TcpConversation& conversation() { return conversation_; }
  std::vector<Segment>& segments() { return segments_; }
  // A chunk of `size` bytes each way (kept: the segments point into it), and the close.
  void sent(std::size_t size) { conversation_.sent(chunk(size), segments_); }
  void received(std::size_t size) { conversation_.received(chunk(size), segments_); }
  void close(ConnectionEnd how) { conversation_.close(how, segments_); }

  std::vector<Seen> seen(std::size_t from = 0) const {
    std::vector<Seen> out;
    for (std::size_t i = from; i < segments_.size(); ++i) {
      const SegmentHeader& h = segments_[i].header;
      const bool from_us = h.source.port == kEnds.local.port;
      const bool acks = (h.flags & kAck) != 0;
      out.push_back({from_us, h.seq - (from_us ? our_isn_ : device_isn_),
                     acks ? h.ack - (from_us ? device_isn_ : our_isn_) : 0, h.flags,
                     segments_[i].payload.size()});
    }
    return out;
  }

 private:
  std::span<const std::byte> chunk(std::size_t size) { return chunks_.emplace_back(size); }

  TcpConversation conversation_;
  std::vector<Segment> segments_;
  std::deque<std::vector<std::byte>> chunks_;
  std::uint32_t our_isn_ = 0;
  std::uint32_t device_isn_ = 0;
};

TEST(TcpConversation, OpensWithTheThreeWayHandshakeFromOurEnd) {
  Recorder r;
  EXPECT_EQ(r.seen(),
            (std::vector<Seen>{
                {true, 0, 0, kSyn, 0}, {false, 0, 1, kSyn | kAck, 0}, {true, 1, 1, kAck, 0}}));
  EXPECT_EQ(r.segments()[0].header.source.port, 40000);
  EXPECT_EQ(r.segments()[0].header.destination.port, 5020);
  EXPECT_EQ(r.segments()[0].header.ack, 0U);  // a SYN acknowledges nothing
}

TEST(TcpConversation, CountsEveryByteEachWayAndAcknowledgesWhatTheOtherSent) {
  Recorder r;
  const std::vector<std::byte> request(12), answer(9), another(12);
  r.conversation().sent(request, r.segments());
  r.conversation().received(answer, r.segments());
  r.conversation().sent(another, r.segments());
  EXPECT_EQ(r.seen(3), (std::vector<Seen>{{true, 1, 1, kPsh | kAck, 12},
                                          {false, 1, 13, kPsh | kAck, 9},
                                          {true, 13, 10, kPsh | kAck, 12}}));
  EXPECT_EQ(r.segments()[3].payload.data(), request.data());  // the bytes given, not a copy
}

TEST(TcpConversation, OurCloseIsOurFinTheDevicesFinAndOurAck) {
  Recorder r;
  r.sent(12);
  r.close(ConnectionEnd::kClosedByUs);
  EXPECT_EQ(r.seen(4), (std::vector<Seen>{{true, 13, 1, kFin | kAck, 0},
                                          {false, 1, 14, kFin | kAck, 0},
                                          {true, 14, 2, kAck, 0}}));
  EXPECT_TRUE(r.conversation().closed());
}

TEST(TcpConversation, TheDevicesCloseIsItsFinOursAndItsAck) {
  Recorder r;
  r.received(5);
  r.close(ConnectionEnd::kClosedByPeer);
  EXPECT_EQ(r.seen(4), (std::vector<Seen>{{false, 6, 1, kFin | kAck, 0},
                                          {true, 1, 7, kFin | kAck, 0},
                                          {false, 7, 2, kAck, 0}}));
}

TEST(TcpConversation, AResetIsTheDevicesRstAlone) {
  Recorder r;
  r.close(ConnectionEnd::kResetByPeer);
  EXPECT_EQ(r.seen(3), (std::vector<Seen>{{false, 1, 1, kRst | kAck, 0}}));
}

TEST(TcpConversation, SaysNothingOnceClosed) {
  Recorder r;
  r.close(ConnectionEnd::kClosedByUs);
  const std::size_t count = r.segments().size();
  r.sent(3);
  r.received(3);
  r.close(ConnectionEnd::kResetByPeer);
  r.conversation().open(r.segments());
  EXPECT_EQ(r.segments().size(), count);
}

TEST(TcpConversation, CutsAChunkPastTheLargestSegment) {
  Recorder r;
  r.sent(kMaxSegmentPayload + 100);
  EXPECT_EQ(r.seen(3), (std::vector<Seen>{{true, 1, 1, kPsh | kAck, kMaxSegmentPayload},
                                          {false, 1, 1 + kMaxSegmentPayload, kAck, 0},
                                          {true, 1 + kMaxSegmentPayload, 1, kPsh | kAck, 100}}));
}

TEST(TcpConversation, GivesEachConnectionItsOwnInitialSequenceNumbers) {
  Recorder one(1), two(2);
  EXPECT_NE(one.segments()[0].header.seq, two.segments()[0].header.seq);
  EXPECT_NE(one.segments()[0].header.seq, one.segments()[1].header.seq);
}

// Whatever the chunks each way, what Wireshark's TCP analysis checks holds: each side's
// segments follow on exactly (no gap, no overlap), every ACK acknowledges only bytes the other
// side sent, no data segment fills the other side's 65535-byte window, and no bare ACK
// repeats the one before it (a duplicate ACK).
RC_GTEST_PROP(TcpConversationProperty, KeepsSequenceAndWindowConsistent, ()) {
  const auto seed = *rc::gen::arbitrary<std::uint64_t>();
  const auto chunks = *rc::gen::container<std::vector<std::pair<bool, std::size_t>>>(rc::gen::pair(
      rc::gen::arbitrary<bool>(),
      rc::gen::weightedOneOf<std::size_t>({{8, rc::gen::inRange<std::size_t>(1, 300)},
                                           {2, rc::gen::inRange<std::size_t>(300, 70'000)}})));
  const auto end = *rc::gen::element(ConnectionEnd::kClosedByUs, ConnectionEnd::kClosedByPeer,
                                     ConnectionEnd::kResetByPeer);
  const std::vector<std::byte> bytes(70'000);
  TcpConversation conversation(kEnds, seed);
  std::vector<Segment> segments;
  conversation.open(segments);
  for (const auto& [ours, size] : chunks) {
    const auto chunk = std::span<const std::byte>(bytes).first(size);
    ours ? conversation.sent(chunk, segments) : conversation.received(chunk, segments);
  }
  conversation.close(end, segments);

  struct Direction {
    std::uint32_t next = 0;       // the next sequence number expected
    std::uint32_t acked = 0;      // how far the other side acknowledged this side's bytes
    std::uint32_t last_bare = 0;  // the ack of this side's last bare ACK
    bool had_bare = false;
  };
  Direction us, device;
  us.next = segments[0].header.seq;
  device.next = segments[1].header.seq;
  us.acked = us.next + 1;
  device.acked = device.next + 1;
  for (const Segment& s : segments) {
    const bool from_us = s.header.source.port == kEnds.local.port;
    Direction& self = from_us ? us : device;
    Direction& other = from_us ? device : us;
    RC_ASSERT(s.header.seq == self.next);
    self.next += static_cast<std::uint32_t>(s.payload.size());
    if ((s.header.flags & (kSyn | kFin)) != 0) ++self.next;
    if ((s.header.flags & kAck) != 0) {
      RC_ASSERT(s.header.ack == other.next);  // all the other sent, and nothing more
      other.acked = s.header.ack;
    }
    if (!s.payload.empty()) {
      RC_ASSERT(self.next - self.acked < 0xFFFFU);  // within the window, not filling it
    }
    const bool bare = s.header.flags == kAck && s.payload.empty();
    if (bare) {
      RC_ASSERT(!self.had_bare || self.last_bare != s.header.ack);
      self.last_bare = s.header.ack;
      self.had_bare = true;
    }
  }
  RC_ASSERT(conversation.closed());
}

}  // namespace
}  // namespace mbh::capture
