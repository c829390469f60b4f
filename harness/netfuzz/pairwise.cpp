#include "harness/netfuzz/pairwise.hpp"

#include <array>

namespace mbh::netfuzz {
namespace {

// Uncovered pairs as one flag per (p, q > p, level of p, level of q).
class PairSet {
 public:
  explicit PairSet(std::span<const std::size_t> levels) : levels_(levels.begin(), levels.end()) {
    const std::size_t n = levels_.size();
    offset_.assign(n * n, 0);
    std::size_t total = 0;
    for (std::size_t p = 0; p < n; ++p) {
      for (std::size_t q = p + 1; q < n; ++q) {
        offset_[p * n + q] = total;
        total += levels_[p] * levels_[q];
      }
    }
    uncovered_.assign(total, true);
    left_ = total;
  }

  bool uncovered(std::size_t p, std::size_t a, std::size_t q, std::size_t c) const {
    if (p > q) return uncovered(q, c, p, a);
    return uncovered_[index(p, a, q, c)];
  }

  void cover(const CoveringRow& row) {
    for (std::size_t p = 0; p < row.size(); ++p) {
      for (std::size_t q = p + 1; q < row.size(); ++q) {
        auto&& flag = uncovered_[index(p, row[p], q, row[q])];
        if (flag) {
          flag = false;
          --left_;
        }
      }
    }
  }

  std::size_t left() const { return left_; }

  // The first uncovered pair, as (p, level, q, level).
  std::array<std::size_t, 4> first() const {
    const std::size_t n = levels_.size();
    for (std::size_t p = 0; p < n; ++p) {
      for (std::size_t q = p + 1; q < n; ++q) {
        for (std::size_t a = 0; a < levels_[p]; ++a) {
          for (std::size_t c = 0; c < levels_[q]; ++c) {
            if (uncovered_[index(p, a, q, c)]) return {p, a, q, c};
          }
        }
      }
    }
    return {0, 0, 0, 0};
  }

 private:
  std::size_t index(std::size_t p, std::size_t a, std::size_t q, std::size_t c) const {
    return offset_[p * levels_.size() + q] + a * levels_[q] + c;
  }

  std::vector<std::size_t> levels_;
  std::vector<std::size_t> offset_;
  std::vector<bool> uncovered_;
  std::size_t left_ = 0;
};

}  // namespace

std::vector<CoveringRow> covering_array(std::span<const std::size_t> levels) {
  std::vector<CoveringRow> rows;
  const std::size_t n = levels.size();
  if (n == 0) return rows;
  if (n == 1) {
    for (std::size_t a = 0; a < levels[0]; ++a)
      rows.push_back({static_cast<std::uint8_t>(a)});
    return rows;
  }
  PairSet pairs(levels);
  while (pairs.left() > 0) {
    const auto [p0, a0, q0, c0] = pairs.first();
    CoveringRow row(n, 0);
    std::vector<bool> fixed(n, false);
    row[p0] = static_cast<std::uint8_t>(a0);
    row[q0] = static_cast<std::uint8_t>(c0);
    fixed[p0] = fixed[q0] = true;
    for (std::size_t p = 0; p < n; ++p) {
      if (fixed[p]) continue;
      std::size_t best = 0;
      std::size_t best_gain = 0;
      for (std::size_t a = 0; a < levels[p]; ++a) {
        std::size_t gain = 0;
        for (std::size_t q = 0; q < n; ++q) {
          if (fixed[q] && pairs.uncovered(p, a, q, row[q])) ++gain;
        }
        if (gain > best_gain) {
          best = a;
          best_gain = gain;
        }
      }
      row[p] = static_cast<std::uint8_t>(best);
      fixed[p] = true;
    }
    pairs.cover(row);
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace mbh::netfuzz
