#pragma once
// Which frame at the front of the client's receive buffer answers the request outstanding: a
// pure function of the unread bytes, the ids of requests that timed out and the outstanding
// id, so that the rules ModbusClient keeps (modbus_client.hpp) are tested and fuzzed without
// a socket. The read loop only calls it, consumes what it says, and reads when told.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <variant>

#include "harness/client/timed_out_ids.hpp"
#include "harness/codec/adu_framer.hpp"

namespace mbh::client {

// The answer: the first `size` unread bytes are one complete frame.
struct AnswerFrame {
  std::size_t size;
};

// A complete frame carrying the id of a request that timed out (and is not the outstanding
// one): its answer came late. Consume `size` bytes and look again.
struct LateAnswer {
  std::size_t size;
  std::uint16_t transaction_id;
};

// AnswerFrame, LateAnswer, codec::NeedMore (read more bytes), or codec::DecodeError (the
// stream cannot be framed: the connection is done for).
using AnswerSelection = std::variant<AnswerFrame, LateAnswer, codec::NeedMore, codec::DecodeError>;

// `outstanding`: the transaction id of the request waiting for its answer; nullopt for a raw
// request too short to carry one. An id both timed out and outstanding was sent again, so a
// frame carrying it answers the new request.
AnswerSelection select_answer(std::span<const std::byte> unread, const TimedOutIds& timed_out,
                              std::optional<std::uint16_t> outstanding);

}  // namespace mbh::client
