#include "harness/codec/values/value_error.hpp"

namespace mbh::codec {
namespace {

// constexpr so the static_asserts below can prove kValueErrorCount matches the enum.
constexpr std::string_view message_of(ValueError error) {
  switch (error) {
    case ValueError::kWrongRegisterCount:
      return "register count does not match the data type";
    case ValueError::kNotRepresentable:
      return "physical value does not fit the raw type after scale and offset";
    case ValueError::kNotFinite:
      return "NaN or infinity cannot be stored in an integer or boolean register";
    case ValueError::kStringTooLong:
      return "string longer than its str<n> field or than the 250-character limit";
    case ValueError::kBadScale:
      return "scale is zero or not finite";
    case ValueError::kNotNumeric:
      return "strings and event arrays have no physical value";
    case ValueError::kKindMismatch:
      return "value's type does not match the register data type";
  }
  return {};
}

constexpr bool every_error_has_a_message() {
  for (std::size_t i = 0; i < kValueErrorCount; ++i) {
    if (message_of(static_cast<ValueError>(i)).empty()) return false;
  }
  return true;
}
static_assert(every_error_has_a_message(), "kValueErrorCount is larger than ValueError");
static_assert(message_of(static_cast<ValueError>(kValueErrorCount)).empty(),
              "kValueErrorCount is smaller than ValueError");

}  // namespace

std::string_view message(ValueError error) {
  const std::string_view text = message_of(error);
  // A value cast in from outside the enum still gets a line rather than an empty string.
  return text.empty() ? "unknown value error" : text;
}

}  // namespace mbh::codec
