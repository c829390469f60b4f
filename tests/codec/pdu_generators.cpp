#include "tests/codec/pdu_generators.hpp"

namespace rc {

Gen<mbh::codec::Request> Arbitrary<mbh::codec::Request>::arbitrary() {
  return mbh::codec::testing::variant_gen<mbh::codec::Request>();
}

Gen<mbh::codec::Response> Arbitrary<mbh::codec::Response>::arbitrary() {
  return mbh::codec::testing::variant_gen<mbh::codec::Response>();
}

}  // namespace rc
