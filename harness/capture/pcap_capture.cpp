#include "harness/capture/pcap_capture.hpp"

#include <pcap/pcap.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace mbh::capture {
namespace {

// Every packet fits whole: kMaxSegmentPayload keeps the largest at this size.
constexpr int kSnapshotLength = 65535;

timeval timeval_of(client::TapClock::time_point at) {
  const auto since_epoch =
      std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch());
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  timeval stamp{};
  stamp.tv_sec = seconds.count();
  stamp.tv_usec = (since_epoch - seconds).count();
  return stamp;
}

}  // namespace

struct PcapCapture::File {
  pcap_t* dead = nullptr;           // describes the link type and snapshot length only
  pcap_dumper_t* dumper = nullptr;  // owns the FILE
  ~File() {
    if (dumper != nullptr) pcap_dump_close(dumper);
    if (dead != nullptr) pcap_close(dead);
  }
};

Result<std::unique_ptr<PcapCapture>, std::string> PcapCapture::open(const std::string& path) {
  auto file = std::make_unique<File>();
  file->dead = pcap_open_dead(DLT_RAW, kSnapshotLength);
  if (file->dead == nullptr) {
    return fail(std::string("libpcap cannot describe a raw-IP capture"));
  }
  // Opened here rather than by pcap_dump_open(), which takes "-" for standard output: that is
  // where the reports go.
  std::FILE* stream = std::fopen(path.c_str(), "wb");
  if (stream == nullptr) {
    return fail("cannot write '" + path + "': " + std::strerror(errno));
  }
  file->dumper = pcap_dump_fopen(file->dead, stream);
  if (file->dumper == nullptr) {
    std::fclose(stream);
    return fail("cannot write '" + path + "': " + pcap_geterr(file->dead));
  }
  if (pcap_dump_flush(file->dumper) != 0) {
    return fail("cannot write '" + path + "': " + std::strerror(errno));
  }
  return std::unique_ptr<PcapCapture>(new PcapCapture(path, std::move(file)));
}

PcapCapture::PcapCapture(std::string path, std::unique_ptr<File> file)
    : path_(std::move(path)), file_(std::move(file)) {}

PcapCapture::~PcapCapture() = default;

client::TapConnectionId PcapCapture::opened(const client::ConnectionEnds& ends,
                                            client::TapClock::time_point at) {
  const std::lock_guard lock(mutex_);
  const client::TapConnectionId id = next_id_++;
  auto& conversation = connections_.try_emplace(id, ends, id).first->second;
  segments_.clear();
  conversation.open(segments_);
  write(segments_, at);
  return id;
}

void PcapCapture::sent(client::TapConnectionId connection, std::span<const std::byte> bytes,
                       client::TapClock::time_point at) {
  on(connection, at,
     [bytes](TcpConversation& c, std::vector<Segment>& out) { c.sent(bytes, out); });
}

void PcapCapture::received(client::TapConnectionId connection, std::span<const std::byte> bytes,
                           client::TapClock::time_point at) {
  on(connection, at,
     [bytes](TcpConversation& c, std::vector<Segment>& out) { c.received(bytes, out); });
}

void PcapCapture::closed(client::TapConnectionId connection, client::ConnectionEnd how,
                         client::TapClock::time_point at) {
  on(connection, at, [how](TcpConversation& c, std::vector<Segment>& out) { c.close(how, out); });
  const std::lock_guard lock(mutex_);
  connections_.erase(connection);
}

template <class Event>
void PcapCapture::on(client::TapConnectionId connection, client::TapClock::time_point at,
                     Event event) {
  const std::lock_guard lock(mutex_);
  const auto found = connections_.find(connection);
  if (found == connections_.end()) return;  // closed already, or never opened
  segments_.clear();
  event(found->second, segments_);
  write(segments_, at);
}

void PcapCapture::write(const std::vector<Segment>& segments, client::TapClock::time_point at) {
  if (failure_ || segments.empty()) return;
  const timeval stamp = timeval_of(at);
  for (const Segment& segment : segments) {
    const std::vector<std::byte> packet = tcp_packet(segment.header, segment.payload);
    pcap_pkthdr header{};
    header.ts = stamp;
    header.caplen = static_cast<bpf_u_int32>(packet.size());
    header.len = header.caplen;
    pcap_dump(reinterpret_cast<u_char*>(file_->dumper), &header,
              reinterpret_cast<const u_char*>(packet.data()));
  }
  // pcap_dump() says nothing of a failed write; the flush does (the stream's error stays set).
  if (pcap_dump_flush(file_->dumper) != 0) {
    failure_ = "writing '" + path_ + "' failed: " + std::strerror(errno);
    return;
  }
  packets_ += segments.size();
}

std::optional<std::string> PcapCapture::failure() const {
  const std::lock_guard lock(mutex_);
  return failure_;
}

std::uint64_t PcapCapture::packets() const {
  const std::lock_guard lock(mutex_);
  return packets_;
}

}  // namespace mbh::capture
