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

std::optional<std::size_t> DeviceObjects::length_of(std::uint8_t count,
                                                    std::span<const std::uint8_t> bytes) {
  // Pointers, not indices: the walk checks each object's bounds itself, once.
  const std::uint8_t* at = bytes.data();
  const std::uint8_t* const end = at + bytes.size();
  for (std::uint8_t i = 0; i < count; ++i) {
    if (end - at < 2 || end - at - 2 < at[1]) return std::nullopt;
    at += 2 + at[1];
  }
  return static_cast<std::size_t>(at - bytes.data());
}

std::optional<std::size_t> DeviceObjects::take(std::uint8_t count,
                                               std::span<const std::uint8_t> bytes) {
  const auto length = length_of(count, bytes);
  if (!length || *length > bytes_.kCapacity) return std::nullopt;
  bytes_.assign(bytes.first(*length));
  count_ = count;
  return length;
}

}  // namespace mbh::codec
