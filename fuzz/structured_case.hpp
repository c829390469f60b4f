#pragma once
// fuzz_structured's inputs: a request of any function code the codec implements and a response
// to it, built field by field from a FuzzedDataProvider. Mostly well formed, with the maps' row
// addresses and lengths among the choices. One request in eight draws its fields from their
// whole range instead of the protocol's, so the codec must refuse most of those; it is then
// answered with an exception. Of the responses to valid requests, one in eight is an
// exception and one in four has a field the codec must refuse.
// An exhausted provider gives a well-formed case.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>

#include "harness/codec/pdu_types.hpp"

namespace mbh::fuzz {

struct StructuredCase {
  codec::Request request;
  codec::Response response;
  std::uint16_t transaction_id = 0;
  std::uint8_t unit_id = 0;
};

StructuredCase build_structured_case(FuzzedDataProvider& input);

}  // namespace mbh::fuzz
