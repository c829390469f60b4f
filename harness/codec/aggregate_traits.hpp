#pragma once
// Equality, hashing and printing for every codec aggregate, field by field through
// Boost.PFR: a new request type gets them by being an aggregate with kName and kFields.
#include <boost/pfr.hpp>
#include <concepts>
#include <cstddef>
#include <functional>
#include <iomanip>
#include <ostream>
#include <string_view>
#include <type_traits>
#include <variant>

#include "harness/codec/pdu_types.hpp"

namespace mbh::codec {

template <class T>
concept CodecAggregate = std::is_aggregate_v<T> && requires {
  { T::kName } -> std::convertible_to<std::string_view>;
  T::kFields;
} &&(std::tuple_size_v<std::remove_cvref_t<decltype(T::kFields)>> == boost::pfr::tuple_size_v<T>);

template <CodecAggregate T>
constexpr bool operator==(const T& a, const T& b) {
  return boost::pfr::eq_fields(a, b);
}

template <CodecAggregate T>
std::size_t hash_value(const T& value) {
  return boost::pfr::hash_fields(value);
}

namespace detail {

inline void print_field(std::ostream& out, std::uint8_t v) {
  out << "0x" << std::hex << std::setw(2) << std::setfill('0') << unsigned{v} << std::dec;
}
inline void print_field(std::ostream& out, std::uint16_t v) {
  out << v;
}
inline void print_field(std::ostream& out, ExceptionCode v) {
  print_field(out, to_byte(v));
  out << " (" << name(v) << ')';
}
template <std::size_t N>
void print_field(std::ostream& out, const BoundedVector<std::uint8_t, N>& v) {
  out << '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i != 0) out << ' ';
    print_field(out, v[i]);
  }
  out << ']';
}
template <std::size_t N>
void print_field(std::ostream& out, const BoundedVector<std::uint16_t, N>& v) {
  out << '[';
  for (std::size_t i = 0; i < v.size(); ++i)
    out << (i == 0 ? "" : " ") << v[i];
  out << ']';
}
inline void print_field(std::ostream& out, const DeviceObjects& objects) {
  out << '[';
  bool first = true;
  for (DeviceObject object : objects) {
    out << (first ? "" : ", ") << unsigned{object.id} << ":\"";
    for (std::uint8_t c : object.value) {
      if (c >= 0x20 && c < 0x7F) {
        out << static_cast<char>(c);
      } else {
        out << "\\x" << std::hex << std::setw(2) << std::setfill('0') << unsigned{c} << std::dec;
      }
    }
    out << '"';
    first = false;
  }
  out << ']';
}

}  // namespace detail

// ReadHoldingRegistersRequest{address=107, quantity=3}: readable in test failures and logs.
template <CodecAggregate T>
std::ostream& operator<<(std::ostream& out, const T& value) {
  out << T::kName << '{';
  boost::pfr::for_each_field(value, [&out](const auto& field, std::size_t i) {
    out << (i == 0 ? "" : ", ") << T::kFields[i] << '=';
    detail::print_field(out, field);
  });
  return out << '}';
}

std::ostream& operator<<(std::ostream& out, const Request& request);
std::ostream& operator<<(std::ostream& out, const Response& response);

}  // namespace mbh::codec

template <mbh::codec::CodecAggregate T>
struct std::hash<T> {
  std::size_t operator()(const T& value) const noexcept { return mbh::codec::hash_value(value); }
};
