#pragma once
// The round trips a device takes to answer, as the fuzz loop measures them: an answer far
// slower than the device's usual is an anomaly of its own, and where the loop cannot send a
// valid read right behind a frame (a device that loses it, a frame the device may wait on),
// the wait for an answer adapts to them (a multiple of a high percentile, never above
// --timeout), so that a frame the device drops costs a few round trips instead of the whole
// timeout. The wait only ever bounds how soon the loop looks again: a silence it cuts short is
// decided by a valid read with the full --timeout, so a short wait never makes a finding.
#include <array>
#include <chrono>
#include <cstddef>

namespace mbh::netfuzz {

class RoundTrips {
 public:
  static constexpr std::size_t kWindow = 256;                // the last round trips measured
  static constexpr std::size_t kMinSamples = 16;             // until then the wait is the limit
  static constexpr unsigned kWaitFactor = 8;                 // the wait: this many times the p99...
  static constexpr std::chrono::milliseconds kMinWait{10};   // ...but never shorter
  static constexpr unsigned kSlowFactor = 10;                // slow: past this times the p99...
  static constexpr std::chrono::milliseconds kMinSlow{250};  // ...and past this

  void add(std::chrono::microseconds round_trip);

  std::size_t count() const { return count_; }  // measured so far (all, not only the window)
  // The p-th percentile (0 < p <= 100) of the window; zero before anything was measured.
  std::chrono::microseconds percentile(double p) const;
  // How long to wait for an answer: kWaitFactor x p99, at least kMinWait, at most `limit`
  // (and `limit` itself before kMinSamples were measured).
  std::chrono::milliseconds wait(std::chrono::milliseconds limit) const;
  // How long to wait on a frame a device may wait on for more bytes, where only a crash's
  // reset is looked for (the read on another connection decides): 2 x p99, at least 1 ms, at
  // most `limit` (and `limit` itself before kMinSamples were measured).
  std::chrono::milliseconds short_wait(std::chrono::milliseconds limit) const;
  // Whether an answer that took `round_trip` is far slower than the device's usual.
  bool slow(std::chrono::microseconds round_trip) const;

 private:
  void refresh() const;

  std::array<std::chrono::microseconds, kWindow> window_{};
  std::size_t count_ = 0;
  // Percentiles are recomputed every kWindow / 8 samples, not on every frame.
  mutable std::size_t computed_at_ = 0;
  mutable std::chrono::microseconds p99_{0};
};

}  // namespace mbh::netfuzz
