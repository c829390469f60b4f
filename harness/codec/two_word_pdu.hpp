#pragma once
// The commonest PDU layout: an address and one more word, either a quantity (FC 01-04
// requests, FC 15/16 responses) or a value (FC 05/06 requests and their echoes). Requests and
// responses read and write it the same way.
#include "harness/codec/byte_io.hpp"

namespace mbh::codec {

template <class T>
T read_address_and_word(ByteReader& in) {
  T r;
  r.address = in.u16();
  if constexpr (requires { r.quantity; }) {
    r.quantity = in.u16();
  } else {
    r.value = in.u16();
  }
  return r;
}

template <class T>
void write_address_and_word(ByteWriter& w, const T& r) {
  w.u16(r.address);
  if constexpr (requires { r.quantity; }) {
    w.u16(r.quantity);
  } else {
    w.u16(r.value);
  }
}

}  // namespace mbh::codec
