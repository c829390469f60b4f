#include "harness/simulator/register_bank.hpp"

#include <algorithm>
#include <bit>
#include <utility>

#include "harness/codec/values/value_encoders.hpp"

namespace mbh::simulator {

using models::Space;

RegisterBank::RegisterBank(const models::RegisterMap& map) {
  // Row extents sorted by space and address, then merged where they touch.
  std::vector<Run> extents;
  for (const models::RegisterRow& row : map.rows) {
    const std::uint32_t first = row.address;
    extents.push_back(
        Run{row.space, first, first + static_cast<std::uint32_t>(row.type.register_count()), 0});
  }
  std::ranges::sort(extents, [](const Run& a, const Run& b) {
    return a.space != b.space ? a.space < b.space : a.first < b.first;
  });
  for (const Run& extent : extents) {
    if (!runs_.empty() && runs_.back().space == extent.space && runs_.back().end >= extent.first) {
      runs_.back().end = std::max(runs_.back().end, extent.end);
      continue;
    }
    runs_.push_back(extent);
  }
  std::size_t offset = 0;
  for (Run& run : runs_) {
    run.offset = offset;
    offset += run.end - run.first;
  }
  words_.assign(offset, 0);
  for (const models::RegisterRow& row : map.rows) {
    if (!row.enums.empty() && row.type.kind != codec::ValueKind::kEventArray) {
      const std::uint32_t first_listed = row.enums.front().value;
      if (row.type.register_count() == 1) {
        set(row.space, row.address, static_cast<std::uint16_t>(first_listed));
      } else {
        set_uint32(row.space, row.address, first_listed);
      }
    }
  }
}

const std::uint16_t* RegisterBank::find(Space space, std::uint16_t address) const {
  for (const Run& run : runs_) {
    if (run.space == space && address >= run.first && address < run.end) {
      return &words_[run.offset + (address - run.first)];
    }
  }
  return nullptr;
}

std::uint16_t* RegisterBank::find(Space space, std::uint16_t address) {
  return const_cast<std::uint16_t*>(std::as_const(*this).find(space, address));
}

bool RegisterBank::contains(Space space, std::uint16_t address) const {
  return find(space, address) != nullptr;
}

std::uint16_t RegisterBank::get(Space space, std::uint16_t address) const {
  const std::uint16_t* word = find(space, address);
  return word == nullptr ? std::uint16_t{0} : *word;
}

void RegisterBank::set(Space space, std::uint16_t address, std::uint16_t value) {
  if (std::uint16_t* word = find(space, address)) *word = value;
}

void RegisterBank::read(Space space, std::uint16_t first, std::span<std::uint16_t> out) const {
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::size_t address = first + i;
    out[i] = address > 0xFFFF ? std::uint16_t{0} : get(space, static_cast<std::uint16_t>(address));
  }
}

void RegisterBank::write(Space space, std::uint16_t first, std::span<const std::uint16_t> values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::size_t address = first + i;
    if (address <= 0xFFFF) set(space, static_cast<std::uint16_t>(address), values[i]);
  }
}

void RegisterBank::set_uint16(Space space, std::uint16_t address, std::uint16_t value) {
  set(space, address, value);
}

void RegisterBank::set_sint16(Space space, std::uint16_t address, std::int16_t value) {
  set(space, address, static_cast<std::uint16_t>(value));
}

void RegisterBank::set_uint32(Space space, std::uint16_t address, std::uint32_t value) {
  write(space, address, codec::encode_uint32(value).span());
}

void RegisterBank::set_sint32(Space space, std::uint16_t address, std::int32_t value) {
  write(space, address, codec::encode_sint32(value).span());
}

void RegisterBank::set_uint64(Space space, std::uint16_t address, std::uint64_t value) {
  write(space, address, codec::encode_uint64(value).span());
}

void RegisterBank::set_float32(Space space, std::uint16_t address, float value) {
  write(space, address, codec::encode_float32(value).span());
}

void RegisterBank::set_string(Space space, std::uint16_t address, std::uint16_t chars,
                              std::string_view text) {
  const auto words = codec::encode_string(text.substr(0, chars), chars);
  if (words) write(space, address, words.value().span());
}

std::uint32_t RegisterBank::get_uint32(Space space, std::uint16_t address) const {
  return std::uint32_t{get(space, address)} << 16 |
         get(space, static_cast<std::uint16_t>(address + 1));
}

std::uint64_t RegisterBank::get_uint64(Space space, std::uint16_t address) const {
  std::uint64_t value = 0;
  for (std::uint16_t i = 0; i < 4; ++i) {
    value = value << 16 | get(space, static_cast<std::uint16_t>(address + i));
  }
  return value;
}

float RegisterBank::get_float32(Space space, std::uint16_t address) const {
  return std::bit_cast<float>(get_uint32(space, address));
}

}  // namespace mbh::simulator
