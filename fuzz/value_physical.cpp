#include "fuzz/value_physical.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>
#include <variant>

#include "fuzz/fuzz_input.hpp"
#include "fuzz/value_case.hpp"
#include "harness/codec/values/value_encoders.hpp"

namespace mbh::fuzz {
namespace {

using codec::DataType;
using codec::ValueError;
using codec::ValueKind;
// The reference arithmetic: x86-64's 80-bit long double, a 64-bit significand.
using Wide = long double;
using Encoded = Result<codec::RegisterWords, ValueError>;

// from_physical computes fl(fl(physical - offset) / scale): two roundings of a double, so its
// raw is within 2^-52 relative of the exact one; 2^-48 leaves room for the reference's own.
constexpr Wide kRelativeSlack = 0x1p-48L;
// Finite raws from here up round to infinity as floats (FLT_MAX plus half its ulp).
constexpr Wide kFloatOverflow = 0x1.ffffffp127L;

bool is_numeric(ValueKind kind) {
  return kind != ValueKind::kString && kind != ValueKind::kEventArray;
}

bool usable_scale(double scale) {
  return std::isfinite(scale) && scale != 0.0;
}

// The raws an integer or boolean type holds: [lo, hi).
struct RawRange {
  Wide lo;
  Wide hi;
};

RawRange range_of(ValueKind kind) {
  switch (kind) {
    case ValueKind::kUint16:
      return {0, 0x1p16L};
    case ValueKind::kSint16:
      return {-0x1p15L, 0x1p15L};
    case ValueKind::kUint32:
      return {0, 0x1p32L};
    case ValueKind::kSint32:
      return {-0x1p31L, 0x1p31L};
    case ValueKind::kUint64:
      return {0, 0x1p64L};
    case ValueKind::kUint128:
      return {0, 0x1p128L};
    default:  // kBoolean; from_physical handles float32 apart
      return {0, 2};
  }
}

// A decoded numeric value as a number: exact for every integer from_physical can write
// (at most 53 significant bits), so a wrapped raw cannot hide in the conversion.
Wide number_of(const codec::Value& value) {
  return std::visit(
      [](const auto& raw) -> Wide {
        using Raw = std::decay_t<decltype(raw)>;
        if constexpr (std::is_same_v<Raw, codec::Uint128>) {
          return static_cast<Wide>(raw.high) * 0x1p64L + static_cast<Wide>(raw.low);
        } else if constexpr (std::is_same_v<Raw, bool>) {
          return raw ? 1 : 0;
        } else if constexpr (std::is_arithmetic_v<Raw>) {
          return static_cast<Wide>(raw);
        } else {
          invariant_broken("a string or event array where a number was expected");
        }
      },
      value);
}

// What a successful from_physical stored, decoded again as its type.
codec::Value stored(DataType type, const Encoded& encoded) {
  const auto decoded = codec::decode_value(type, encoded.value().span());
  if (!decoded.ok()) invariant_broken("from_physical wrote registers its type does not decode");
  return decoded.value();
}

void expect_error(const Encoded& encoded, ValueError error, const char* what) {
  if (encoded.ok() || encoded.error() != error) invariant_broken(what);
}

void check_integer(DataType type, Wide raw, const Encoded& encoded) {
  const RawRange range = range_of(type.kind);
  const Wide slack = kRelativeSlack * std::fabs(raw);
  const Wide nearest = std::round(raw);
  const Wide off_grid = std::fabs(raw - nearest);
  if (encoded.ok()) {
    // Never wrapped: the stored integer is the rounded raw, not the raw modulo 2^bits.
    if (std::fabs(number_of(stored(type, encoded)) - raw) > 0.5L + slack) {
      invariant_broken("from_physical stored a raw more than half a step from the physical value");
    }
  }
  // Out of range, or (where the 1e-6 tolerance is under half a step) clearly off the grid.
  const bool out_of_range = raw < range.lo - 0.5L - slack || raw >= range.hi - 0.5L + slack;
  const bool clearly_off_grid =
      std::fabs(raw) < 4e5L && off_grid > 2e-6L * std::max(Wide{1}, std::fabs(raw)) + slack;
  if (out_of_range || clearly_off_grid) {
    expect_error(encoded, ValueError::kNotRepresentable,
                 "an out-of-range or off-grid raw was not kNotRepresentable");
  }
  // Every integer the raw may round to fits, and it is on the grid by the contract's 1e-6.
  const bool surely_fits =
      std::ceil(raw - 0.5L - slack) >= range.lo && std::floor(raw + 0.5L + slack) <= range.hi - 1;
  const bool surely_on_grid =
      std::fabs(raw) >= 1e6L || off_grid + slack <= 0.9e-6L * std::max(Wide{1}, std::fabs(raw));
  if (surely_fits && surely_on_grid && !encoded.ok()) {
    invariant_broken("from_physical refused a raw on the grid and in range");
  }
}

void check_float(Wide raw, const Encoded& encoded) {
  const Wide magnitude = std::fabs(raw);
  if (magnitude >= kFloatOverflow * (1 + kRelativeSlack)) {
    expect_error(encoded, ValueError::kNotRepresentable,
                 "a float32 overflow was not kNotRepresentable");
    return;
  }
  if (!encoded.ok()) {
    if (magnitude <= kFloatOverflow * (1 - kRelativeSlack)) {
      invariant_broken("from_physical refused a raw float32 holds");
    }
    return;
  }
  const float nearest = static_cast<float>(raw);
  const auto stored_raw = static_cast<float>(number_of(stored(codec::kFloat32, encoded)));
  if (stored_raw != nearest && stored_raw != std::nextafter(nearest, HUGE_VALF) &&
      stored_raw != std::nextafter(nearest, -HUGE_VALF)) {
    invariant_broken("from_physical stored a float32 other than the raw's nearest");
  }
}

// The raw from_physical must recover from raw x scale + offset: exact for integers, the same
// float for float32. None where the double arithmetic could lose it: the errors of computing
// raw x scale + offset, then (physical - offset) / scale are under 2^-50 (|raw| + |offset /
// scale|) as long as nothing overflows and raw x scale is not subnormal.
bool recoverable(Wide raw, double scale, double offset, Wide step) {
  const Wide magnitude = std::fabs(static_cast<Wide>(scale));
  if (magnitude < 0x1p-900L || magnitude > 0x1p800L || std::fabs(offset) > 0x1p900) return false;
  if (raw != 0 && std::fabs(raw) * magnitude < 0x1p-1000L) return false;
  const Wide error = 0x1p-50L * (std::fabs(raw) + std::fabs(static_cast<Wide>(offset)) / magnitude);
  return error <= step / 4;
}

// Half the distance from f to its nearer finite neighbour.
Wide float_half_step(float value) {
  Wide step = std::numeric_limits<Wide>::infinity();
  for (const float neighbour :
       {std::nextafter(value, HUGE_VALF), std::nextafter(value, -HUGE_VALF)}) {
    if (std::isfinite(neighbour))
      step = std::min(step, std::fabs(static_cast<Wide>(neighbour) - static_cast<Wide>(value)));
  }
  return step / 2;
}

void check_float_round_trip(float raw, double scale, double offset, const Encoded& back) {
  const bool exact = std::isfinite(raw) &&
                     recoverable(static_cast<Wide>(raw), scale, offset, float_half_step(raw));
  if (!back.ok()) {
    if (std::isfinite(offset) && (!std::isfinite(raw) || exact)) {
      invariant_broken("a float32 raw did not come back from its physical value");
    }
    return;
  }
  const float again = std::get<float>(stored(codec::kFloat32, back));
  if (std::isfinite(offset) && std::isnan(raw) != std::isnan(again)) {
    invariant_broken("NaN-ness changed on the way back");
  }
  if (std::isinf(raw) && std::isfinite(offset) && again != raw) {
    invariant_broken("an infinite float32 came back as another value");
  }
  if (exact && again != raw) invariant_broken("a float32 raw came back as another float");
}

}  // namespace

void check_physical_value(DataType type, double physical, double scale, double offset) {
  const auto encoded = codec::from_physical(physical, type, scale, offset);
  if (!in_value_kind(type.kind)) {
    if (encoded.ok()) invariant_broken("from_physical encoded a kind outside ValueKind");
    return;
  }
  if (!is_numeric(type.kind)) {
    return expect_error(encoded, ValueError::kNotNumeric, "a string or event array took a number");
  }
  if (!usable_scale(scale)) {
    return expect_error(encoded, ValueError::kBadScale, "a zero or non-finite scale was used");
  }
  if (!std::isfinite(physical) || !std::isfinite(offset)) {
    if (type.kind != ValueKind::kFloat32) {
      return expect_error(encoded, ValueError::kNotFinite, "NaN or infinity stored in an integer");
    }
    // float32 passes NaN and infinities through: whatever it stores is one of them.
    if (!encoded.ok()) invariant_broken("from_physical refused NaN or infinity for float32");
    const float stored_raw = std::get<float>(stored(type, encoded));
    if (std::isfinite(stored_raw)) invariant_broken("NaN or infinity became a finite float32");
    if (std::isnan(physical) && !std::isnan(stored_raw)) invariant_broken("NaN became a number");
    return;
  }
  const Wide raw =
      (static_cast<Wide>(physical) - static_cast<Wide>(offset)) / static_cast<Wide>(scale);
  if (type.kind == ValueKind::kFloat32) return check_float(raw, encoded);
  check_integer(type, raw, encoded);
}

void check_physical_round_trip(DataType type, const codec::Value& raw, double scale,
                               double offset) {
  const auto physical = codec::value_to_physical(raw, scale, offset);
  if (!is_numeric(type.kind)) {
    if (physical.ok() || physical.error() != ValueError::kNotNumeric) {
      invariant_broken("a string or event array has a physical value");
    }
    return;
  }
  if (!physical.ok()) invariant_broken("a numeric value has no physical value");
  check_physical_value(type, physical.value(), scale, offset);
  if (!usable_scale(scale)) return;
  const auto back = codec::from_physical(physical.value(), type, scale, offset);
  if (type.kind == ValueKind::kFloat32) {
    return check_float_round_trip(std::get<float>(raw), scale, offset, back);
  }
  const Wide number = number_of(raw);
  // A whole step is 1; the contract's 1e-6 tolerance is the tighter bound below 2.5e5.
  const Wide step = std::min(Wide{1}, 2e-6L * std::max(Wide{1}, std::fabs(number)));
  if (!recoverable(number, scale, offset, step)) return;
  if (!back.ok() || number_of(stored(type, back)) != number) {
    invariant_broken("an integer raw did not come back from its physical value");
  }
}

}  // namespace mbh::fuzz
