#pragma once
// One connection's fuzzing (FuzzOptions::connections; `lane` 0 to connections - 1): its own
// generator (seed + lane), clients, round trips and what it learned of the device. It sends
// each frame inside the shared gate, and when the device goes down after its send it takes the
// gate alone: records the finding, restarts the device and minimises the finding, while the
// other connections wait (device_gate.hpp).
#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

#include "harness/client/modbus_client.hpp"
#include "harness/netfuzz/finding.hpp"
#include "harness/netfuzz/fuzz_shared.hpp"
#include "harness/netfuzz/network_fuzzer.hpp"
#include "harness/netfuzz/round_trips.hpp"

namespace mbh::netfuzz {

class FuzzLane {
 public:
  FuzzLane(const FuzzOptions& options, FuzzShared& shared, std::size_t lane, std::size_t lanes);
  ~FuzzLane();
  FuzzLane(const FuzzLane&) = delete;
  FuzzLane& operator=(const FuzzLane&) = delete;

  // The valid read before the first frame, tried again for `patience` (a device still
  // counting connections just closed); the last try.
  client::ClientExchange open(std::chrono::milliseconds patience);
  // Fuzzes until the duration passes, the frames are all sent, or the run ends for every
  // connection.
  void run(std::chrono::steady_clock::time_point start);

  // The other connections' lanes: a finding holds the frame each sent last.
  void set_neighbours(std::vector<const FuzzLane*> others);
  // The frame sent last (read by another lane holding the gate alone); null before the first.
  const SentFrame* last_sent() const;

  // This connection's counters (the findings and the end are the shared ones).
  const FuzzSummary& summary() const;
  std::size_t classes_seen() const;
  const RoundTrips& round_trips() const;

 private:
  class Loop;
  std::unique_ptr<Loop> loop_;
};

}  // namespace mbh::netfuzz
