#include "harness/codec/device_objects.hpp"

namespace mbh::codec {

bool DeviceObjects::add(std::uint8_t id, std::span<const std::uint8_t> value) {
  if (value.size() > 0xFF || bytes_.size() + 2 + value.size() > bytes_.kCapacity ||
      count_ == 0xFF) {
    return false;
  }
  bytes_.push_back(id);
  bytes_.push_back(static_cast<std::uint8_t>(value.size()));
  for (std::uint8_t byte : value)
    bytes_.push_back(byte);
  ++count_;
  return true;
}

bool DeviceObjects::add(std::uint8_t id, std::string_view text) {
  const auto* first = reinterpret_cast<const std::uint8_t*>(text.data());
  return add(id, std::span<const std::uint8_t>(first, text.size()));
}

bool DeviceObjects::assign(std::uint8_t count, std::span<const std::uint8_t> bytes) {
  std::size_t at = 0;
  for (std::uint8_t i = 0; i < count; ++i) {
    if (bytes.size() - at < 2) return false;
    const std::size_t length = bytes[at + 1];
    if (bytes.size() - at - 2 < length) return false;
    at += 2 + length;
  }
  if (at != bytes.size() || bytes.size() > bytes_.kCapacity) return false;
  bytes_.assign(bytes.begin(), bytes.end());
  count_ = count;
  return true;
}

}  // namespace mbh::codec
