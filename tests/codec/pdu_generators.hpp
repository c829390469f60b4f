#pragma once
// rapidcheck generators for every codec aggregate, built field by field through Boost.PFR:
// a new aggregate needs no generator of its own. Field values mix the protocol's edges
// (0, 1, the limits and one past them), realistic values and arbitrary ones.
#include <rapidcheck.h>

#include <boost/pfr.hpp>
#include <cstdint>
#include <tuple>
#include <utility>
#include <variant>

#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/pdu_types.hpp"

namespace mbh::codec::testing {

inline rc::Gen<std::uint16_t> word_gen() {
  return rc::gen::weightedOneOf<std::uint16_t>({
      {4, rc::gen::arbitrary<std::uint16_t>()},
      {4, rc::gen::inRange<std::uint16_t>(1, 126)},
      {2, rc::gen::element<std::uint16_t>(0, 1, 2, 121, 122, 123, 124, 125, 126, 1968, 1969, 2000,
                                          2001, 0xFF00, 0xFFFE, 0xFFFF)},
  });
}

inline rc::Gen<std::uint8_t> byte_gen() {
  return rc::gen::weightedOneOf<std::uint8_t>({
      {3, rc::gen::arbitrary<std::uint8_t>()},
      {2,
       rc::gen::element<std::uint8_t>(0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x81, 0x82, 0x83, 0xFF)},
  });
}

template <class T>
rc::Gen<T> field_gen();

template <class T>
requires std::is_same_v<T, std::uint16_t> rc::Gen<T> field_gen_for() {
  return word_gen();
}
template <class T>
requires std::is_same_v<T, std::uint8_t> rc::Gen<T> field_gen_for() {
  return byte_gen();
}
template <class T>
requires std::is_same_v<T, ExceptionCode> rc::Gen<T> field_gen_for() {
  return rc::gen::map(byte_gen(), [](std::uint8_t b) { return static_cast<ExceptionCode>(b); });
}
template <class T>
requires requires {
  T::kCapacity;
}
rc::Gen<T> field_gen_for() {
  using Item = typename T::value_type;
  // Sizes cluster at the edges: empty, one, full, and small.
  auto size = rc::gen::weightedOneOf<std::size_t>({
      {4, rc::gen::inRange<std::size_t>(0, 9)},
      {1, rc::gen::inRange<std::size_t>(0, T::kCapacity + 1)},
      {1, rc::gen::element<std::size_t>(0, 1, T::kCapacity - 1, T::kCapacity)},
  });
  return rc::gen::mapcat(size, [](std::size_t n) {
    return rc::gen::map(rc::gen::container<std::vector<Item>>(n, field_gen_for<Item>()),
                        [](const std::vector<Item>& items) {
                          T v;
                          v.assign(items.begin(), items.end());
                          return v;
                        });
  });
}
template <class T>
requires std::is_same_v<T, DeviceObjects> rc::Gen<T> field_gen_for() {
  using Object = std::pair<std::uint8_t, std::string>;
  return rc::gen::map(
      rc::gen::container<std::vector<Object>>(rc::gen::pair(
          byte_gen(), rc::gen::container<std::string>(rc::gen::inRange<char>(0x20, 0x7F)))),
      [](const std::vector<Object>& objects) {
        DeviceObjects out;
        for (const auto& [id, text] : objects) {
          if (!out.add(id, text)) break;
        }
        return out;
      });
}

template <class T>
rc::Gen<T> field_gen() {
  return field_gen_for<T>();
}

template <CodecAggregate T>
rc::Gen<T> aggregate_gen() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return rc::gen::map(rc::gen::tuple(field_gen<boost::pfr::tuple_element_t<I, T>>()...),
                        [](const auto& fields) {
                          return std::apply([](const auto&... f) { return T{f...}; }, fields);
                        });
  }
  (std::make_index_sequence<boost::pfr::tuple_size_v<T>>{});
}

template <class Variant>
rc::Gen<Variant> variant_gen() {
  return []<std::size_t... I>(std::index_sequence<I...>) {
    return rc::gen::oneOf(
        rc::gen::cast<Variant>(aggregate_gen<std::variant_alternative_t<I, Variant>>())...);
  }
  (std::make_index_sequence<std::variant_size_v<Variant>>{});
}

}  // namespace mbh::codec::testing

namespace rc {

template <mbh::codec::CodecAggregate T>
struct Arbitrary<T> {
  static Gen<T> arbitrary() { return mbh::codec::testing::aggregate_gen<T>(); }
};
// Defined once in pdu_generators.cpp: built in every test file, the generators of every
// alternative made each of them take most of a minute to compile.
template <>
struct Arbitrary<mbh::codec::Request> {
  static Gen<mbh::codec::Request> arbitrary();
};
template <>
struct Arbitrary<mbh::codec::Response> {
  static Gen<mbh::codec::Response> arbitrary();
};

}  // namespace rc
