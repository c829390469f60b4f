#include "harness/codec/function_code.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "harness/codec/codec_error.hpp"

// What `mbharness decode` and the reports tell a user about any byte: checked for every value
// a byte can take, not sampled.
namespace mbh::codec {
namespace {

TEST(FunctionCode, EveryFunctionByteHasANameAndAKnownCodeItsOwn) {
  int known = 0;
  for (int byte = 0; byte <= 0xFF; ++byte) {
    const auto b = static_cast<std::uint8_t>(byte);
    EXPECT_FALSE(function_name(b).empty()) << byte;
    if (const auto code = to_function_code(b)) {
      ++known;
      EXPECT_EQ(to_byte(*code), b);
      EXPECT_EQ(name(*code), function_name(b)) << byte;
      EXPECT_NE(function_name(b), "unknown function") << byte;
    }
  }
  EXPECT_EQ(known, 11);  // the codes the codec implements
}

TEST(FunctionCode, AnExceptionByteIsNamedUnknownExactlyWhenTheSpecificationDoesNotDefineIt) {
  int defined = 0;
  for (int byte = 0; byte <= 0xFF; ++byte) {
    const auto code = static_cast<ExceptionCode>(byte);
    EXPECT_FALSE(name(code).empty()) << byte;
    EXPECT_NE(is_defined(code), name(code) == kUnknownExceptionName) << byte;
    defined += is_defined(code) ? 1 : 0;
  }
  EXPECT_EQ(defined, 9);  // 01-06, 08, 0A, 0B
}

TEST(FunctionCode, ARefusedRequestIsAnsweredWithADefinedExceptionCode) {
  for (int i = 0; i <= static_cast<int>(kLastCodecError); ++i) {
    const auto answer = exception_for(static_cast<CodecError>(i));
    if (answer) {
      EXPECT_TRUE(is_defined(*answer)) << i;
    }
  }
}

}  // namespace
}  // namespace mbh::codec
