#include "harness/client/request_pacer.hpp"

#include <algorithm>
#include <cmath>

namespace mbh::client {

RequestPacer::RequestPacer(double rate) {
  if (!(rate > 0) || !std::isfinite(rate)) return;
  constexpr double kSlowest = 24.0 * 3600.0;  // seconds between requests, at most
  const std::chrono::duration<double> seconds(std::min(1.0 / rate, kSlowest));
  interval_ = std::chrono::ceil<Clock::duration>(seconds);
}

RequestPacer::Clock::time_point RequestPacer::reserve(Clock::time_point now) {
  if (!limited()) return now;
  const Clock::time_point start = std::max(now, next_);
  next_ = start + interval_;
  return start;
}

}  // namespace mbh::client
