#include "harness/codec/codec_error.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace mbh::codec {
namespace {

TEST(CodecError, EveryErrorHasItsOwnMessageAndIdentifier) {
  std::set<std::string> messages;
  std::set<std::string> identifiers;
  const auto last = static_cast<int>(kLastCodecError);
  for (int i = 0; i <= last; ++i) {
    const auto error = static_cast<CodecError>(i);
    EXPECT_FALSE(message(error).empty()) << i;
    EXPECT_NE(message(error), "unknown codec error") << i;
    EXPECT_NE(identifier(error), "unknown") << i;
    messages.emplace(message(error));
    identifiers.emplace(identifier(error));
  }
  EXPECT_EQ(messages.size(), static_cast<std::size_t>(last + 1));
  EXPECT_EQ(identifiers.size(), static_cast<std::size_t>(last + 1));
}

TEST(CodecError, EveryEncodeErrorHasAMessage) {
  for (int i = 0; i <= static_cast<int>(kLastEncodeError); ++i) {
    EXPECT_FALSE(message(static_cast<EncodeError>(i)).empty());
    EXPECT_NE(message(static_cast<EncodeError>(i)), "unknown encode error");
  }
}

TEST(CodecError, ExceptionCodesFollowTheStateDiagramsOrder) {
  EXPECT_EQ(exception_for(CodecError::kUnsupportedFunction), ExceptionCode::kIllegalFunction);
  EXPECT_EQ(exception_for(CodecError::kQuantityOutOfRange), ExceptionCode::kIllegalDataValue);
  EXPECT_EQ(exception_for(CodecError::kByteCountMismatch), ExceptionCode::kIllegalDataValue);
  EXPECT_EQ(exception_for(CodecError::kAddressOverflow), ExceptionCode::kIllegalDataAddress);
  // Errors only a response or the framing can have name no exception.
  EXPECT_FALSE(exception_for(CodecError::kEchoMismatch));
  EXPECT_FALSE(exception_for(CodecError::kBadProtocolId));
}

}  // namespace
}  // namespace mbh::codec
