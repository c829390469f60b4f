#pragma once
// A request-rate cap for live plant: request starts at least 1/rate s apart, paced evenly
// (no bursts to make up for idle time). Pure: it says when a request may start; the client
// does the waiting, so that it can watch its interrupt flag meanwhile.
#include <chrono>

namespace mbh::client {

class RequestPacer {
 public:
  using Clock = std::chrono::steady_clock;

  // `rate` requests per second; 0, a negative or a non-finite rate means no cap. A rate under
  // one request a day is taken as one a day (so that the interval fits the clock).
  explicit RequestPacer(double rate);

  bool limited() const { return interval_ != Clock::duration::zero(); }
  Clock::duration interval() const { return interval_; }

  // When a request that wants to start at `now` may start, booking that start: the next one
  // may start one interval later.
  Clock::time_point reserve(Clock::time_point now);

 private:
  Clock::duration interval_{};
  Clock::time_point next_{};  // the earliest start of the next request
};

}  // namespace mbh::client
