// One request/reply over TCP on 127.0.0.1, one in flight at a time: the cheapest transport a
// peer can have, and so the yardstick the codec's per-request cost is held against.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <system_error>
#include <vector>

#include "bench/loopback_echo_server.hpp"
#include "bench/loopback_socket.hpp"
#include "bench/sample_frames.hpp"
#include "harness/codec/mbap_header.hpp"

namespace mbh::bench {
namespace {

void BM_LoopbackRoundTripFc03(benchmark::State& state) {
  const auto quantity = static_cast<std::uint16_t>(state.range(0));
  const auto request = codec::encode_adu(kTransactionId, kUnitId, read_registers_request(quantity));
  const auto reply = codec::encode_adu(kTransactionId, kUnitId, read_registers_response(quantity));
  std::vector<std::byte> received(reply.size);
  try {
    // Declared in this order so the client closes first and the server then stops its thread.
    LoopbackEchoServer server(request.size, reply.span());
    const UniqueFd client = connect_to_loopback(server.port());
    for (auto _ : state) {
      if (!send_all(client, request.span()) || !receive_exactly(client, received)) {
        state.SkipWithError("the loopback peer closed the connection");
        break;
      }
    }
  } catch (const std::system_error& error) {
    state.SkipWithError(error.what());
    return;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::to_string(request.size) + " B out, " + std::to_string(received.size()) +
                 " B back");
}
// Real time: the client thread sleeps in recv() for most of a round trip, so its CPU time
// says little, and iteration counts must follow the wall clock.
BENCHMARK(BM_LoopbackRoundTripFc03)->Arg(kRoundTripRegisters)->UseRealTime();

}  // namespace
}  // namespace mbh::bench
