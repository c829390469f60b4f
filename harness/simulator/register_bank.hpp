#pragma once
// A device's registers: one word for every address a row of its map covers, per space, held
// in runs of contiguous rows. Addresses no row defines read 0 and ignore writes: the answerer
// refuses them before they get here, and a fault that lets them through sees zeros.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "models/register_map.hpp"

namespace mbh::simulator {

class RegisterBank {
 public:
  // Every row's registers, holding a valid value: an enumerated row its first listed value,
  // anything else zero (a bitmap with no bit set, an empty NUL-padded string, 0.0, an empty
  // event array). Devices then put their identity and live values in.
  explicit RegisterBank(const models::RegisterMap& map);

  bool contains(models::Space space, std::uint16_t address) const;
  std::uint16_t get(models::Space space, std::uint16_t address) const;
  void set(models::Space space, std::uint16_t address, std::uint16_t value);

  // [first, first + out.size()); addresses past 65535 read 0.
  void read(models::Space space, std::uint16_t first, std::span<std::uint16_t> out) const;
  void write(models::Space space, std::uint16_t first, std::span<const std::uint16_t> values);

  // Typed values at a row's address, high word first (RULES.md "Decoding").
  void set_uint16(models::Space space, std::uint16_t address, std::uint16_t value);
  void set_sint16(models::Space space, std::uint16_t address, std::int16_t value);
  void set_uint32(models::Space space, std::uint16_t address, std::uint32_t value);
  void set_sint32(models::Space space, std::uint16_t address, std::int32_t value);
  void set_uint64(models::Space space, std::uint16_t address, std::uint64_t value);
  void set_float32(models::Space space, std::uint16_t address, float value);
  // str<chars>: the text (cut to chars), then NUL padding.
  void set_string(models::Space space, std::uint16_t address, std::uint16_t chars,
                  std::string_view text);
  std::uint32_t get_uint32(models::Space space, std::uint16_t address) const;
  std::uint64_t get_uint64(models::Space space, std::uint16_t address) const;
  float get_float32(models::Space space, std::uint16_t address) const;

 private:
  // A run of contiguous addresses of one space, stored from `offset` in words_.
  struct Run {
    models::Space space;
    std::uint32_t first;
    std::uint32_t end;  // one past the last
    std::size_t offset;
  };
  const std::uint16_t* find(models::Space space, std::uint16_t address) const;
  std::uint16_t* find(models::Space space, std::uint16_t address);

  std::vector<Run> runs_;
  std::vector<std::uint16_t> words_;
};

// The spaces as the live models' register tables name them.
inline constexpr models::Space kH = models::Space::kHolding;
inline constexpr models::Space kI = models::Space::kInput;

}  // namespace mbh::simulator
