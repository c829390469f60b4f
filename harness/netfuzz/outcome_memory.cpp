#include "harness/netfuzz/outcome_memory.hpp"

#include <cstdint>

namespace mbh::netfuzz {

bool OutcomeMemory::record(const RequestShape& shape, const OutcomeClass& outcome) {
  if (auto known = hits_.find(outcome); known != hits_.end()) {
    if (known->second < UINT32_MAX) ++known->second;
  } else if (hits_.size() < capacity_) {
    hits_.emplace(outcome, 1U);
  }
  if (seen_.size() >= capacity_) return false;
  return seen_.insert({shape, outcome}).second;
}

std::uint32_t OutcomeMemory::hits(const OutcomeClass& outcome) const {
  const auto known = hits_.find(outcome);
  return known == hits_.end() ? 0U : known->second;
}

}  // namespace mbh::netfuzz
