#pragma once
// How the connections of one fuzz run (`--connections N`) share the device: each sends its
// frames inside the gate (enter .. leave), any number at once; the one that finds the device
// down takes the gate alone (take): it waits until every other has finished its send, then
// records the finding and restarts the device while the others wait at enter. A connection
// that also saw the device down, but only after another took the gate for it, is told so
// (take returns false: the epoch moved on) and carries on instead of blaming its own frame.
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace mbh::netfuzz {

class DeviceGate {
 public:
  // Waits while another holds the gate alone; the epoch the send is made in.
  std::uint64_t enter();
  void leave();

  // After leave(): the gate alone, once every other send has left. False, without taking it,
  // when the device was handled (restarted, or given up) since `epoch`, the one entered in.
  bool take(std::uint64_t epoch);
  // Ends take(): the next epoch begins, the others go on.
  void release();

  std::uint64_t epoch() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t epoch_ = 0;
  int inside_ = 0;
  bool taken_ = false;
};

}  // namespace mbh::netfuzz
