#include "harness/capture/pcap_capture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pcap/pcap.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "harness/capture/tcp_conversation.hpp"
#include "tests/capture/endpoints.hpp"

namespace mbh::capture {
namespace {

using client::ConnectionEnd;
using client::TapClock;
using ::testing::HasSubstr;
using testing::v4;
using testing::v6;
using namespace std::chrono_literals;

using testing::kEnds;

struct Packet {
  std::chrono::microseconds time;
  std::vector<std::byte> bytes;
};

// A file of the test's own, removed after it.
class PcapCaptureTest : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove(path_); }

  // The file as libpcap reads it back: its link type and packets.
  std::vector<Packet> read_back(int* link_type = nullptr) const {
    char error[PCAP_ERRBUF_SIZE];
    pcap_t* file = pcap_open_offline(path_.c_str(), error);
    EXPECT_NE(file, nullptr) << error;
    if (file == nullptr) return {};
    if (link_type != nullptr) *link_type = pcap_datalink(file);
    std::vector<Packet> packets;
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    while (pcap_next_ex(file, &header, &data) == 1) {
      EXPECT_EQ(header->caplen, header->len);
      const auto* bytes = reinterpret_cast<const std::byte*>(data);
      packets.push_back(
          {std::chrono::seconds(header->ts.tv_sec) + std::chrono::microseconds(header->ts.tv_usec),
           {bytes, bytes + header->caplen}});
    }
    pcap_close(file);
    return packets;
  }

  std::unique_ptr<PcapCapture> open() const {
    auto opened = PcapCapture::open(path_);
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error());
    return opened.ok() ? std::move(opened).value() : nullptr;
  }

  const std::string path_ =
      (std::filesystem::temp_directory_path() /
       ("mbh-pcap-test-" + std::to_string(::getpid()) + "-" +
        ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".pcap"))
          .string();
};

TEST_F(PcapCaptureTest, WritesTheConversationsPacketsStampedAndFlushedAsTheyGo) {
  auto capture = open();
  ASSERT_NE(capture, nullptr);
  const TapClock::time_point start{std::chrono::seconds(1'700'000'000) + 123'456us};
  const std::vector<std::byte> request(12, std::byte{0x11});
  const std::vector<std::byte> answer(9, std::byte{0x22});
  const auto id = capture->opened(kEnds, start);
  capture->sent(id, request, start + 1ms);
  capture->received(id, answer, start + 2ms);
  // Readable before the end: a run killed now leaves every packet so far.
  EXPECT_EQ(read_back().size(), 5U);
  capture->closed(id, ConnectionEnd::kClosedByUs, start + 3ms);
  EXPECT_EQ(capture->packets(), 8U);
  EXPECT_FALSE(capture->failure());

  // The same packets as the conversation gives, each with the time of its event.
  TcpConversation expected(kEnds, id);
  std::vector<Segment> segments;
  expected.open(segments);
  expected.sent(request, segments);
  expected.received(answer, segments);
  expected.close(ConnectionEnd::kClosedByUs, segments);
  const std::vector<std::chrono::milliseconds> offsets{0ms, 0ms, 0ms, 1ms, 2ms, 3ms, 3ms, 3ms};

  int link_type = 0;
  const auto packets = read_back(&link_type);
  EXPECT_EQ(link_type, DLT_RAW);
  ASSERT_EQ(packets.size(), segments.size());
  for (std::size_t i = 0; i < packets.size(); ++i) {
    EXPECT_EQ(packets[i].bytes, tcp_packet(segments[i].header, segments[i].payload)) << i;
    EXPECT_EQ(packets[i].time, std::chrono::duration_cast<std::chrono::microseconds>(
                                   (start + offsets[i]).time_since_epoch()))
        << i;
  }
}

TEST_F(PcapCaptureTest, KeepsConnectionsApartAndIgnoresIdsItDoesNotKnow) {
  auto capture = open();
  ASSERT_NE(capture, nullptr);
  const auto now = TapClock::now();
  const client::ConnectionEnds v6_ends{v6("00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01", 40001),
                                       v6("00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01", 502)};
  const auto first = capture->opened(kEnds, now);
  const auto second = capture->opened(v6_ends, now);
  EXPECT_NE(first, second);
  capture->sent(second, std::vector<std::byte>(12), now);
  capture->closed(first, ConnectionEnd::kResetByPeer, now);
  capture->sent(first, std::vector<std::byte>(12), now);   // closed: nothing
  capture->received(99, std::vector<std::byte>(12), now);  // never opened: nothing
  capture->closed(second, ConnectionEnd::kClosedByPeer, now);
  const auto packets = read_back();
  ASSERT_EQ(packets.size(), 3U + 3U + 1U + 1U + 3U);
  // The IPv6 connection's packets are IPv6, the IPv4 one's IPv4, in one raw-IP file.
  EXPECT_EQ(std::to_integer<unsigned>(packets[0].bytes[0]) >> 4, 4U);
  EXPECT_EQ(std::to_integer<unsigned>(packets[3].bytes[0]) >> 4, 6U);
}

TEST_F(PcapCaptureTest, SaysWhyAFileCannotBeWritten) {
  const auto missing = PcapCapture::open("/nonexistent-folder/capture.pcap");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error(),
            "cannot write '/nonexistent-folder/capture.pcap': No such file or directory");
  const auto folder = PcapCapture::open(std::filesystem::temp_directory_path().string());
  ASSERT_FALSE(folder.ok());
  EXPECT_THAT(folder.error(), HasSubstr("Is a directory"));
}

TEST_F(PcapCaptureTest, SaysAFullDiskCannotTakeEvenTheHeader) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  const auto full = PcapCapture::open("/dev/full");
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.error(), "cannot write '/dev/full': No space left on device");
}

}  // namespace
}  // namespace mbh::capture
