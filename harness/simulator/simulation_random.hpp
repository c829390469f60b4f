#pragma once
// The devices' source of variation: SplitMix64, fully specified here so that the same seed
// gives the same values on every standard library (std::uniform_*_distribution is not
// specified bit for bit, so it is not used).
#include <cstdint>

namespace mbh::simulator {

class SimulationRandom {
 public:
  explicit SimulationRandom(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform enough in [0, bound) for bounds far below 2^64; 0 for a bound of 0.
  std::uint32_t below(std::uint32_t bound) {
    return bound == 0 ? 0U : static_cast<std::uint32_t>(next() % bound);
  }
  // In [low, high].
  double between(double low, double high) {
    const double unit = static_cast<double>(next() >> 11) * 0x1.0p-53;
    return low + (high - low) * unit;
  }
  bool one_in(std::uint32_t n) { return below(n) == 0; }

 private:
  std::uint64_t state_;
};

// A device's own seed from the simulator's: the same seed gives each device different values.
constexpr std::uint64_t device_seed(std::uint64_t seed, std::uint64_t device_index,
                                    std::uint8_t unit) {
  return (seed * 0x9E3779B97F4A7C15ULL) ^ ((device_index + 1) << 32) ^ unit;
}

}  // namespace mbh::simulator
