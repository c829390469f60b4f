#include "fuzz/response_case.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/request_codec.hpp"

namespace mbh::fuzz {
namespace {

std::vector<std::byte> bytes_of(const std::vector<std::uint8_t>& v) {
  std::vector<std::byte> out;
  for (const std::uint8_t b : v)
    out.push_back(std::byte{b});
  return out;
}

// Every header names a request the codec would send, or none; reading the header written for
// that request gives it back; the response is what follows the header.
RC_GTEST_PROP(ResponseCase, EveryHeaderNamesAValidRequestThatItsOwnHeaderGivesBack,
              (const std::vector<std::uint8_t>& tail)) {
  // Words near the top of the address space as often as anywhere else: an address there is
  // where a request's items could run past register 65535.
  const auto word = rc::gen::oneOf(rc::gen::arbitrary<std::uint16_t>(),
                                   rc::gen::inRange<std::uint16_t>(0xF800, 0xFFFF));
  std::vector<std::byte> input{std::byte{*rc::gen::arbitrary<std::uint8_t>()}};
  for (const std::uint16_t w : *rc::gen::container<std::vector<std::uint16_t>>(3, word)) {
    input.push_back(static_cast<std::byte>(w >> 8));
    input.push_back(static_cast<std::byte>(w & 0xFF));
  }
  const auto response = bytes_of(tail);
  input.insert(input.end(), response.begin(), response.end());

  const auto read = read_response_case(input);
  RC_ASSERT(read.has_value());
  RC_ASSERT(read->response.size() == response.size());
  RC_ASSERT(read->response.data() == input.data() + kRequestHeaderSize);
  RC_ASSERT(read->request.has_value() ==
            (std::to_integer<std::uint8_t>(input[0]) % kRequestChoices != kNoRequest));
  if (!read->request) return;
  RC_ASSERT(!codec::validate(*read->request).has_value());

  const RequestHeader again = request_header(read->request);
  const auto reread = read_response_case(again);
  RC_ASSERT(reread.has_value() && reread->request.has_value());
  RC_ASSERT(*reread->request == *read->request);
}

TEST(ResponseCase, AnInputShorterThanTheHeaderHasNoCase) {
  const std::vector<std::byte> six(kRequestHeaderSize - 1, std::byte{3});
  EXPECT_FALSE(read_response_case(six).has_value());
  const std::vector<std::byte> seven(kRequestHeaderSize, std::byte{3});
  ASSERT_TRUE(read_response_case(seven).has_value());
  EXPECT_TRUE(read_response_case(seven)->response.empty());
}

TEST(ResponseCase, NoRequestIsTheHeaderOfNoRequest) {
  const RequestHeader header = request_header(std::nullopt);
  const auto read = read_response_case(header);
  ASSERT_TRUE(read.has_value());
  EXPECT_FALSE(read->request.has_value());
}

// The header keeps what a response must echo or match: FC 03's address and quantity.
TEST(ResponseCase, AHeaderKeepsTheFieldsAResponseAnswers) {
  const codec::Request request = codec::ReadHoldingRegistersRequest{0x9C40, 125};
  const auto read = read_response_case(request_header(request));
  ASSERT_TRUE(read.has_value() && read->request.has_value());
  EXPECT_EQ(*read->request, request);
}

}  // namespace
}  // namespace mbh::fuzz
