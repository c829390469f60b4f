#include "harness/netfuzz/device_gate.hpp"

namespace mbh::netfuzz {

std::uint64_t DeviceGate::enter() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !taken_; });
  ++inside_;
  return epoch_;
}

void DeviceGate::leave() {
  const std::scoped_lock lock(mutex_);
  --inside_;
  changed_.notify_all();
}

bool DeviceGate::take(std::uint64_t epoch) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !taken_; });
  if (epoch_ != epoch) return false;
  taken_ = true;
  changed_.wait(lock, [this] { return inside_ == 0; });
  return true;
}

void DeviceGate::release() {
  const std::scoped_lock lock(mutex_);
  ++epoch_;
  taken_ = false;
  changed_.notify_all();
}

std::uint64_t DeviceGate::epoch() const {
  const std::scoped_lock lock(mutex_);
  return epoch_;
}

}  // namespace mbh::netfuzz
