#include "harness/netfuzz/frame_mutator.hpp"

#include <algorithm>
#include <array>

#include "harness/codec/protocol_limits.hpp"
#include "harness/netfuzz/boundary_values.hpp"
#include "harness/netfuzz/byte_of.hpp"

namespace mbh::netfuzz {
namespace {

constexpr std::size_t kMaxSize = codec::kMaxAduSize;

std::size_t below(std::mt19937_64& rng, std::size_t bound) {
  return bound == 0 ? 0 : rng() % bound;
}

using bytes::b;

void set16(Pdu& pdu, std::size_t at, unsigned value) {
  pdu[at] = b(value >> 8);
  pdu[at + 1] = b(value);
}

// Where the byte count sits, and the bytes it counts from, for the functions that have one.
struct CountField {
  std::size_t at;
  std::size_t counted_from;
};

std::optional<CountField> count_field(std::uint8_t function) {
  switch (function) {
    case kWriteCoils:
    case kWriteRegisters:
      return CountField{5, 6};
    case kReadWrite:
      return CountField{9, 10};
    case kReadFileRecord:
    case kWriteFileRecord:
      return CountField{1, 2};
    default:
      return std::nullopt;
  }
}

}  // namespace

Pdu mutate_pdu(std::span<const std::byte> pdu, std::span<const std::byte> donor,
               std::mt19937_64& rng) {
  static constexpr std::array<unsigned, 13> kFunctions{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08,
                                                       0x0F, 0x10, 0x14, 0x15, 0x16, 0x17};
  static constexpr std::array<unsigned, 6> kBytes{0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF};
  // An empty PDU is mutated as a lone FC 03.
  Pdu out(std::max<std::size_t>(pdu.size(), 1), b(0x03));
  std::ranges::copy(pdu, out.begin());
  switch (below(rng, 8)) {
    case 0:
      out[below(rng, out.size())] ^= b(1U << below(rng, 8));
      break;
    case 1: {
      if (out.size() < 3) break;
      const std::size_t at = 1 + 2 * below(rng, (out.size() - 1) / 2);
      const auto words = boundary_words();
      const unsigned current = field16(out, at);
      const std::size_t pick = below(rng, words.size() + 2);
      set16(
          out, at,
          pick < words.size() ? words[pick] : (pick == words.size() ? current + 1U : current - 1U));
      break;
    }
    case 2: {
      const std::size_t at = out.size() > 1 ? 1 + below(rng, out.size() - 1) : 0;
      const std::size_t pick = below(rng, kBytes.size() + 2);
      const unsigned current = std::to_integer<unsigned>(out[at]);
      out[at] = b(pick < kBytes.size() ? kBytes[pick]
                                       : (pick == kBytes.size() ? current + 1U : current - 1U));
      break;
    }
    case 3:
      out.resize(std::max<std::size_t>(1, out.size() - std::min(out.size(), 1 + below(rng, 3))));
      break;
    case 4:
      for (std::size_t i = 1 + below(rng, 3); i > 0; --i)
        out.push_back(b(static_cast<unsigned>(rng())));
      break;
    case 5: {
      if (donor.empty()) break;
      const std::size_t cut = 1 + below(rng, std::min(out.size(), donor.size()));
      out.resize(cut);
      out.insert(out.end(),
                 donor.begin() + static_cast<std::ptrdiff_t>(std::min(cut, donor.size())),
                 donor.end());
      break;
    }
    case 6:
      out[0] = below(rng, 4) == 0 ? out[0] ^ b(codec::kExceptionFlag)
                                  : b(kFunctions[below(rng, kFunctions.size())]);
      break;
    default: {
      const auto field = count_field(std::to_integer<std::uint8_t>(out[0]));
      if (!field || out.size() <= field->at) break;
      const std::size_t counted = out.size() - std::min(out.size(), field->counted_from);
      out[field->at] = b(static_cast<unsigned>(counted + below(rng, 3)) - 1U);  // -1, 0, +1
      break;
    }
  }
  if (out.size() > kMaxSize) out.resize(kMaxSize);
  return out;
}

}  // namespace mbh::netfuzz
