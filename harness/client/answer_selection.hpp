#pragma once
// Which frame at the front of the client's receive buffer answers the request outstanding: a
// pure function of the unread bytes, the ids the client remembers (requests that timed out,
// requests answered), the outstanding id and when the bytes came, so that the rules
// ModbusClient keeps (modbus_client.hpp) are tested and fuzzed without a socket. The read loop
// only calls it, consumes what it says, and reads when told.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>

#include "harness/client/timed_out_ids.hpp"
#include "harness/codec/adu_framer.hpp"

namespace mbh::client {

// The answer: the first `size` unread bytes are one complete frame, carrying the outstanding
// transaction id (or, when none is outstanding, any id).
struct AnswerFrame {
  std::size_t size;
  std::uint16_t transaction_id;
};

// Why a complete frame that does not carry the outstanding id is discarded.
enum class StrayKind : std::uint8_t {
  kLate,       // the id of a request that timed out: its answer came late (the device was slow,
               // not wrong: no R-MBAP finding)
  kDuplicate,  // the id of a request answered already: the device answered it twice
  kNeverSent,  // any other id, come while a request waited: an answer to a request never sent
  kUnasked,    // any other id, come while no request was outstanding: a frame sent unasked
};
inline constexpr std::size_t kStrayKindCount = 4;

// "late answer", "duplicate answer", "answer to a request never sent", "frame sent unasked".
std::string_view stray_kind_name(StrayKind kind);
// Every kind but kLate: the device broke R-MBAP by sending it.
constexpr bool device_fault(StrayKind kind) {
  return kind != StrayKind::kLate;
}

// A complete frame that answers nothing outstanding: consume `size` bytes and look again.
struct StrayFrame {
  std::size_t size;
  std::uint16_t transaction_id;
  StrayKind kind;
};

// When the frame at the front came: before the outstanding request was sent (it was taken in
// while the client was idle, or left over after the previous answer), or while it waited.
enum class Arrival : std::uint8_t { kBeforeRequest, kWhileWaiting };

// AnswerFrame, StrayFrame, codec::NeedMore (read more bytes), or codec::DecodeError (the
// stream cannot be framed: the connection is done for).
using AnswerSelection = std::variant<AnswerFrame, StrayFrame, codec::NeedMore, codec::DecodeError>;

// `outstanding`: the transaction id of the request waiting for its answer; nullopt for a raw
// request too short to carry one, which any frame answers but a late answer. A frame carrying
// the outstanding id is its answer, even when the id also timed out or was answered before
// (it was sent again); otherwise a timed-out id makes it late, an answered id a duplicate, and
// any other id an answer never asked for (kNeverSent or kUnasked by `arrival`).
AnswerSelection select_answer(std::span<const std::byte> unread, const TimedOutIds& timed_out,
                              const AnsweredIds& answered, std::optional<std::uint16_t> outstanding,
                              Arrival arrival = Arrival::kWhileWaiting);

}  // namespace mbh::client
