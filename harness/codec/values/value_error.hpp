#pragma once
// Why a register value could not be decoded, encoded or converted to or from physical units.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mbh::codec {

enum class ValueError : std::uint8_t {
  kWrongRegisterCount,  // the register span's size is not the data type's register count
  kNotRepresentable,  // a physical value lands outside the raw type's range or off its integer grid
  kNotFinite,         // NaN or an infinity asked of an integer or boolean type
  kStringTooLong,     // text longer than its str<n> field, or n above kMaxStringChars
  kBadScale,          // scale is zero, NaN or infinite, so physical -> raw is undefined
  kNotNumeric,        // a string type was asked for a physical (numeric) value
  kKindMismatch,      // a Value does not match the DataType it is encoded as (or no known kind)
};

// How many enumerators ValueError has, numbered from 0 in order; value_error.cpp checks it at
// compile time so tests can walk every error.
inline constexpr std::size_t kValueErrorCount = 7;

// One line of text saying what went wrong; never empty, distinct for each error.
std::string_view message(ValueError error);

}  // namespace mbh::codec
