// The simulator's request handling over one connection's whole input, in process: the bytes
// framed by codec::StreamFramer as the TCP server frames them (the stream cut where the input
// says), each frame handed to one Simulator (all three devices, the input's seed, no fault)
// that keeps its state from frame to frame. A framing error ends the connection, as in the
// server. Invariants, for every reply:
// - it is sent at once (no fault delays, silences or closes) and is one frame;
// - its MBAP header echoes the request's (transaction id, protocol 0, unit id) and its PDU
//   decodes paired with the request (unpaired when the request itself does not decode);
// - the oracle, given what a client knows after the earlier accepted writes to that device
//   (models::remember; but see simulator_reply_check.cpp for a Commit), judges it neither
//   fail nor warn, as the clean simulator tests do: where RULES.md allows several outcomes,
//   the reply is one of them.
// And the same input served again gives the same replies, byte for byte: simulated time moves
// a tick per request, so nothing but the input decides them.
//
// Input: byte 0 even: raw mode. Byte 1 is the seed, bytes 2 and 3 the sizes of the reads that
// alternately deliver the stream (0: all that fits), the rest the stream. Byte 0 odd: the
// rest drives a FuzzedDataProvider that picks the seed and read sizes and composes requests
// from the maps' real addresses (simulator_requests.hpp).
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz/fuzz_input.hpp"
#include "fuzz/simulator_reply_check.hpp"
#include "fuzz/simulator_requests.hpp"
#include "harness/codec/adu_framer.hpp"
#include "harness/simulator/simulator.hpp"
#include "tests/simulator/simulator_exchange.hpp"

namespace {

using mbh::fuzz::invariant_broken;
using mbh::fuzz::ReplyCheck;
namespace codec = mbh::codec;
namespace simulator = mbh::simulator;

// Enough frames to reach deep state (a configuration sequence, writes then reads) while an
// input stays cheap.
constexpr std::size_t kMaxFrames = 64;

struct Connection {
  std::uint64_t seed = 0;
  std::array<std::size_t, 2> reads{};  // alternate read sizes; 0: all the framer has room for
  std::vector<std::byte> stream;
};

Connection raw_connection(std::span<const std::byte> input) {
  Connection c;
  if (input.size() < 4) return c;
  c.seed = std::to_integer<std::uint64_t>(input[1]);
  c.reads = {std::to_integer<std::size_t>(input[2]), std::to_integer<std::size_t>(input[3])};
  c.stream.assign(input.begin() + 4, input.end());
  return c;
}

Connection composed_connection(std::span<const std::byte> input) {
  FuzzedDataProvider provider(reinterpret_cast<const std::uint8_t*>(input.data()) + 1,
                              input.size() - 1);
  Connection c;
  c.seed = provider.ConsumeIntegral<std::uint64_t>();
  c.reads = {provider.ConsumeIntegral<std::uint8_t>(), provider.ConsumeIntegral<std::uint8_t>()};
  mbh::fuzz::compose_requests(provider, kMaxFrames, c.stream);
  return c;
}

// Serves the connection as the TCP server does; the replies in order. `check` null: serve
// only (the determinism run).
std::vector<std::vector<std::byte>> serve(const Connection& c, ReplyCheck* check) {
  simulator::Simulator device(simulator::SimulatorOptions{{}, {}, c.seed});
  codec::StreamFramer framer;
  std::vector<std::vector<std::byte>> replies;
  std::size_t at = 0;
  std::size_t reads = 0;
  while (replies.size() < kMaxFrames) {
    const codec::FrameResult next = framer.next();
    if (const auto* framed = std::get_if<codec::FramedAdu>(&next)) {
      const codec::Adu& request = framed->adu;
      const auto answer = simulator::testing::exchange(device, request.header.unit_id, request.pdu,
                                                       request.header.transaction_id);
      if (check != nullptr) check->check(request, answer);
      replies.push_back(answer.frame);
      continue;
    }
    if (std::holds_alternative<codec::DecodeError>(next)) break;  // the server closes
    if (at == c.stream.size()) break;                             // the client has said all it will
    const auto room = framer.writable();
    const std::size_t read = c.reads[reads++ % 2];
    const std::size_t got =
        std::min({room.size(), c.stream.size() - at, read == 0 ? room.size() : read});
    std::copy_n(c.stream.begin() + static_cast<std::ptrdiff_t>(at), got, room.begin());
    framer.commit(got);
    at += got;
    if (framer.buffered() > codec::StreamFramer::kCapacity) invariant_broken("framer overflow");
  }
  return replies;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const mbh::fuzz::ExactInput input(data, size);
  const bool composed = (std::to_integer<unsigned>(input.span()[0]) & 1U) != 0;
  const Connection connection =
      composed ? composed_connection(input.span()) : raw_connection(input.span());
  ReplyCheck check;
  const auto replies = serve(connection, &check);
  if (serve(connection, nullptr) != replies) invariant_broken("the same input, other replies");
  return 0;
}
