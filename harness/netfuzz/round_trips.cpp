#include "harness/netfuzz/round_trips.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace mbh::netfuzz {

void RoundTrips::add(std::chrono::microseconds round_trip) {
  window_[count_ % kWindow] = round_trip;
  ++count_;
}

std::chrono::microseconds RoundTrips::percentile(double p) const {
  const std::size_t held = std::min(count_, kWindow);
  if (held == 0) return std::chrono::microseconds{0};
  std::vector<std::chrono::microseconds> sorted(
      window_.begin(), window_.begin() + static_cast<std::ptrdiff_t>(held));
  const auto rank = static_cast<std::size_t>(
      std::ceil(std::clamp(p, 0.0, 100.0) / 100.0 * static_cast<double>(held)));
  const std::size_t at = std::clamp<std::size_t>(rank, 1, held) - 1;
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(at), sorted.end());
  return sorted[at];
}

void RoundTrips::refresh() const {
  if (computed_at_ != 0 && count_ - computed_at_ < kWindow / 8) return;
  p99_ = percentile(99);
  computed_at_ = count_;
}

std::chrono::milliseconds RoundTrips::wait(std::chrono::milliseconds limit) const {
  if (count_ < kMinSamples) return limit;
  refresh();
  const auto scaled = std::chrono::ceil<std::chrono::milliseconds>(p99_ * kWaitFactor);
  return std::min(limit, std::max(kMinWait, scaled));
}

std::chrono::milliseconds RoundTrips::short_wait(std::chrono::milliseconds limit) const {
  if (count_ < kMinSamples) return limit;
  refresh();
  const auto scaled = std::chrono::ceil<std::chrono::milliseconds>(p99_ * 2);
  return std::min(limit, std::max(std::chrono::milliseconds{1}, scaled));
}

bool RoundTrips::slow(std::chrono::microseconds round_trip) const {
  if (count_ < kMinSamples) return false;
  refresh();
  return round_trip > p99_ * kSlowFactor && round_trip > kMinSlow;
}

}  // namespace mbh::netfuzz
