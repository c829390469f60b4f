// The client's handling of what a hostile device sends back, without a socket: the input is
// a script of requests and of the bytes the device sends, in segments as reads would deliver
// them; the fuzz target plays ModbusClient's receive loop over client::ReceiveBuffer,
// client::TimedOutIds and client::select_answer (modbus_client.cpp), and checks:
// - the buffer never holds more than its capacity, and always exactly the bytes read on the
//   connection after the frames taken from it: nothing lost, nothing repeated however the
//   stream was cut; "need more" comes only with room left to read into;
// - an answer or a discarded stray frame is exactly the complete frame at the front of those
//   bytes (codec::decode_adu accepts exactly its bytes);
// - the answer carries the outstanding id; every other complete frame is discarded, as a late
//   answer exactly when its id is among those remembered as timed out (the last 64 requests
//   that timed out on this connection, a model kept here), else as a duplicate exactly when
//   its id is among those remembered as answered (the last 16), else as a frame sent unasked
//   exactly when it began before the request was sent, else as an answer to a request never
//   sent; the exchange counts each by kind and keeps the first two of each kind whole;
// - malformed is said only when the header at the front is complete and codec::check_mbap
//   rejects it, with that error;
// then every exchange goes through the harness's judging (client_judging.hpp).
//
// Input: a script (client_script.hpp), of which at most kMaxExchanges requests are played. A
// request left waiting when the next request or the script's end comes times out.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <system_error>
#include <vector>

#include "fuzz/client_judging.hpp"
#include "fuzz/client_script.hpp"
#include "fuzz/fuzz_input.hpp"
#include "harness/client/answer_selection.hpp"
#include "harness/client/exchange_text.hpp"
#include "harness/client/modbus_client.hpp"
#include "harness/client/receive_buffer.hpp"
#include "harness/client/timed_out_ids.hpp"
#include "harness/codec/mbap_header.hpp"

namespace {

using mbh::fuzz::invariant_broken;
namespace client = mbh::client;
namespace codec = mbh::codec;
using client::ExchangeStatus;
using mbh::fuzz::Script;
using mbh::fuzz::ScriptKind;
using mbh::fuzz::ScriptRecord;

constexpr std::size_t kMaxExchanges = 32;
constexpr std::chrono::milliseconds kTimeout{1000};  // for the error sentences only

// RecentIds as its header describes it, to check it against: the newest last.
template <class Ids>
class RememberedIds {
 public:
  void remember(std::uint16_t id) {
    forget(id);
    if (ids_.size() == Ids::kCapacity) ids_.erase(ids_.begin());
    ids_.push_back(id);
  }
  void forget(std::uint16_t id) { std::erase(ids_, id); }
  void clear() { ids_.clear(); }
  bool contains(std::uint16_t id) const { return std::ranges::find(ids_, id) != ids_.end(); }
  bool same_as(const Ids& ids) const { return std::ranges::equal(ids_, ids.held()); }

 private:
  std::vector<std::uint16_t> ids_;
};

// One exchange's end, as ModbusClient reports it.
struct Ended {
  ExchangeStatus status;
  std::vector<std::byte> response;
  std::string error;
  client::DiscardedFrames discarded;
};

class Client {
 public:
  explicit Client(Script& script) : script_(script) {}

  void run() {
    std::size_t exchanges = 0;
    while (!script_.done() && exchanges < kMaxExchanges) {
      const ScriptRecord r = script_.next();
      switch (r.kind) {
        case ScriptKind::kRequest:
          exchange(r);
          ++exchanges;
          break;
        case ScriptKind::kSegment:
          wire_.emplace_back(r.bytes.begin(), r.bytes.end());  // arrives while idle
          break;
        case ScriptKind::kSilence:
          break;
        case ScriptKind::kClose:
          peer_closed_ = true;
          break;
      }
    }
  }

 private:
  void exchange(const ScriptRecord& r) {
    take_in_idle_bytes();
    const std::uint16_t id = r.id ? *r.id : next_id_++;
    timed_out_.forget(id);
    remembered_.forget(id);
    answered_.forget(id);
    remembered_answered_.forget(id);
    before_request_ = buffer_.size();
    std::vector<std::byte> request(codec::kMbapSize);
    const auto length =
        static_cast<std::uint16_t>(std::min<std::size_t>(r.bytes.size() + 1, 0xFFFF));
    codec::encode_mbap(codec::MbapHeader{id, 0, length, r.unit},
                       std::span<std::byte>(request).first<codec::kMbapSize>());
    request.insert(request.end(), r.bytes.begin(), r.bytes.end());

    const Ended ended = receive(id);
    client::ClientExchange x;
    x.status = ended.status;
    x.request = std::move(request);
    x.response = ended.response;
    x.error = ended.error;
    x.transaction_id = id;
    x.discarded = ended.discarded;
    judging_.judge(r.unit, r.bytes, x);
  }

  // The kind a stray frame carrying `frame_id` must be discarded as.
  client::StrayKind expected_kind(std::uint16_t frame_id) const {
    if (remembered_.contains(frame_id)) return client::StrayKind::kLate;
    if (remembered_answered_.contains(frame_id)) return client::StrayKind::kDuplicate;
    return before_request_ > 0 ? client::StrayKind::kUnasked : client::StrayKind::kNeverSent;
  }

  // ModbusClient::Impl::receive(): select, discard stray frames, read more until the answer,
  // the deadline or the end of the connection.
  Ended receive(std::uint16_t id) {
    client::DiscardedFrames discarded;
    for (;;) {
      check_buffer();
      const auto unread = buffer_.unread();
      const client::AnswerSelection selected = client::select_answer(
          unread, timed_out_, answered_, id,
          before_request_ > 0 ? client::Arrival::kBeforeRequest : client::Arrival::kWhileWaiting);
      if (const auto* stray = std::get_if<client::StrayFrame>(&selected)) {
        check_frame(stray->size);
        const auto header = codec::decode_mbap(unread.first<codec::kMbapSize>());
        if (header.transaction_id != stray->transaction_id || stray->transaction_id == id) {
          invariant_broken("a stray frame discarded that is the answer");
        }
        if (stray->kind != expected_kind(stray->transaction_id)) {
          invariant_broken("a stray frame discarded as the wrong kind");
        }
        const std::uint64_t before = discarded.count(stray->kind);
        const std::size_t kept = discarded.kept.size();
        discarded.add(stray->kind, stray->transaction_id, unread.first(stray->size));
        if (discarded.count(stray->kind) != before + 1 ||
            discarded.kept.size() !=
                kept + (before < client::DiscardedFrames::kKeptPerKind ? 1U : 0U)) {
          invariant_broken("a discarded frame miscounted or kept wrongly");
        }
        take_frame(stray->size);
        continue;
      }
      if (const auto* answer = std::get_if<client::AnswerFrame>(&selected)) {
        check_frame(answer->size);
        const auto header = codec::decode_mbap(unread.first<codec::kMbapSize>());
        if (header.transaction_id != id || answer->transaction_id != id) {
          invariant_broken("a frame with another id taken for the answer");
        }
        Ended ended{ExchangeStatus::kAnswered,
                    {unread.begin(), unread.begin() + static_cast<std::ptrdiff_t>(answer->size)},
                    "",
                    std::move(discarded)};
        take_frame(answer->size);
        answered_.remember(id);
        remembered_answered_.remember(id);
        return ended;
      }
      if (const auto* error = std::get_if<codec::DecodeError>(&selected)) {
        check_malformed(*error);
        Ended ended{ExchangeStatus::kMalformed,
                    {unread.begin(), unread.end()},
                    client::malformed_answer(*error, unread),
                    std::move(discarded)};
        close();
        return ended;
      }
      check_need_more(std::get<codec::NeedMore>(selected));
      if (auto ended = wait_for_bytes(id)) {
        ended->discarded = std::move(discarded);
        return *ended;
      }
    }
  }

  // Reads one segment, or ends the exchange: the device closed, or the deadline passed.
  std::optional<Ended> wait_for_bytes(std::uint16_t id) {
    while (wire_.empty() && !peer_closed_) {
      if (script_.done() || script_.peek() == ScriptKind::kRequest) break;
      const ScriptRecord r = script_.next();
      if (r.kind == ScriptKind::kSilence) break;
      if (r.kind == ScriptKind::kClose) peer_closed_ = true;
      if (r.kind == ScriptKind::kSegment) wire_.emplace_back(r.bytes.begin(), r.bytes.end());
    }
    if (!wire_.empty()) {
      read_one();
      return std::nullopt;
    }
    const auto unread = buffer_.unread();
    Ended ended{ExchangeStatus::kTimeout, {unread.begin(), unread.end()}, "", {}};
    if (peer_closed_) {
      ended.status = ExchangeStatus::kClosed;
      ended.error = client::closed_early(std::make_error_code(std::errc::connection_reset), unread);
      close();
    } else if (!unread.empty()) {
      ended.status = ExchangeStatus::kIncomplete;
      ended.error = client::incomplete_answer(unread, kTimeout);
      close();
    } else {
      ended.error = "no answer within 1000 ms";
      timed_out_.remember(id);
      remembered_.remember(id);
    }
    return ended;
  }

  // ModbusClient::Impl::take_in_idle_bytes(): all that came while idle, as far as it fits; a
  // connection the device closed meanwhile is closed, to be reopened.
  void take_in_idle_bytes() {
    while (!wire_.empty() && !buffer_.writable().empty())
      read_one();
    if (wire_.empty() && peer_closed_ && !buffer_.writable().empty()) close();
  }

  // A read: at most the front segment, at most the room left.
  void read_one() {
    const auto room = buffer_.writable();
    std::vector<std::byte>& segment = wire_.front();
    const std::size_t got = std::min(room.size(), segment.size());
    std::copy_n(segment.begin(), got, room.begin());
    buffer_.commit(got);
    connection_.insert(connection_.end(), segment.begin(),
                       segment.begin() + static_cast<std::ptrdiff_t>(got));
    segment.erase(segment.begin(), segment.begin() + static_cast<std::ptrdiff_t>(got));
    if (segment.empty()) wire_.pop_front();
  }

  void close() {
    buffer_.clear();
    timed_out_.clear();
    remembered_.clear();
    answered_.clear();
    remembered_answered_.clear();
    before_request_ = 0;
    wire_.clear();  // what the device sent on it is gone with the connection
    peer_closed_ = false;
    connection_.clear();
    taken_ = 0;
  }

  void take_frame(std::size_t size) {
    buffer_.consume(size);
    taken_ += size;
    before_request_ -= std::min(before_request_, size);
  }

  void check_buffer() const {
    if (buffer_.size() > client::ReceiveBuffer::kCapacity) invariant_broken("buffer overflow");
    const auto expected = std::span<const std::byte>(connection_).subspan(taken_);
    if (!std::ranges::equal(buffer_.unread(), expected)) {
      invariant_broken("the buffer lost or repeated bytes of the stream");
    }
    if (!remembered_.same_as(timed_out_)) invariant_broken("TimedOutIds forgets or keeps wrongly");
    if (!remembered_answered_.same_as(answered_)) {
      invariant_broken("AnsweredIds forgets or keeps wrongly");
    }
  }

  void check_frame(std::size_t size) const {
    const auto unread = buffer_.unread();
    if (size > unread.size() || size > codec::kMaxAduSize)
      invariant_broken("a frame past the bytes");
    if (!codec::decode_adu(unread.first(size))) invariant_broken("not exactly one whole frame");
  }

  void check_malformed(const codec::DecodeError& error) const {
    const auto unread = buffer_.unread();
    if (unread.size() < codec::kMbapSize) invariant_broken("malformed before a whole header");
    const auto rejected = codec::check_mbap(codec::decode_mbap(unread.first<codec::kMbapSize>()));
    if (!rejected || rejected->code != error.code) invariant_broken("malformed, not by its header");
  }

  // Need more: the header is incomplete or fine, the frame not all there, and there is room.
  void check_need_more(const codec::NeedMore& more) {
    const auto unread = buffer_.unread();
    std::size_t whole = codec::kMbapSize;
    if (unread.size() >= codec::kMbapSize) {
      const auto header = codec::decode_mbap(unread.first<codec::kMbapSize>());
      if (codec::check_mbap(header)) invariant_broken("need more after a bad header");
      whole = codec::kMbapSize - 1 + header.length;
    }
    if (unread.size() >= whole || more.at_least != whole - unread.size()) {
      invariant_broken("need more, but the frame is there or the count is wrong");
    }
    if (buffer_.writable().empty()) invariant_broken("need more with no room to read into");
  }

  Script& script_;
  client::ReceiveBuffer buffer_;
  client::TimedOutIds timed_out_;
  RememberedIds<client::TimedOutIds> remembered_;
  client::AnsweredIds answered_;
  RememberedIds<client::AnsweredIds> remembered_answered_;
  std::size_t before_request_ = 0;  // of the unread bytes, those buffered before the request
  std::deque<std::vector<std::byte>> wire_;  // sent by the device, not read yet
  bool peer_closed_ = false;
  std::vector<std::byte> connection_;  // every byte read on this connection
  std::size_t taken_ = 0;              // of those, the bytes of the frames taken
  std::uint16_t next_id_ = 1;
  mbh::fuzz::ClientJudging judging_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const mbh::fuzz::ExactInput input(data, size);
  Script script(input.span());
  Client client(script);
  client.run();
  return 0;
}
