#include "harness/transport/reply_queue.hpp"

#include <gtest/gtest.h>

namespace mbh::transport {
namespace {

TEST(ReplyQueue, HandsOutResetSlotsAndKeepsRequestOrder) {
  ReplyQueue queue(3);
  EXPECT_TRUE(queue.empty());
  for (std::size_t i = 0; i < 3; ++i) {
    Reply& reply = queue.prepare();
    EXPECT_EQ(reply.action, Reply::Action::kSend);
    EXPECT_EQ(reply.delay.count(), 0);
    EXPECT_EQ(reply.size, 0U);
    reply.size = i + 1;
    reply.action = Reply::Action::kClose;
    reply.delay = std::chrono::milliseconds(5);
    queue.push();
  }
  EXPECT_TRUE(queue.full());
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(queue.front().size, i + 1);
    queue.pop();
  }
  EXPECT_TRUE(queue.empty());
  const Reply& again = queue.prepare();  // a used slot comes back reset
  EXPECT_EQ(again.action, Reply::Action::kSend);
  EXPECT_EQ(again.delay.count(), 0);
  EXPECT_EQ(again.size, 0U);
}

TEST(ReplyQueue, SlotsNeverMoveWhileQueued) {
  ReplyQueue queue(4);
  Reply* first = &queue.prepare();
  queue.push();
  for (int i = 0; i < 3; ++i) {
    queue.prepare();
    queue.push();
  }
  EXPECT_EQ(&queue.front(), first);  // written from while the others were filled
}

TEST(ReplyQueue, AClientThatWaitsForEachAnswerUsesOneSlot) {
  ReplyQueue queue(16);
  Reply* slot = &queue.prepare();
  queue.push();
  queue.pop();
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(&queue.prepare(), slot);
    queue.push();
    queue.pop();
  }
}

TEST(ReplyQueue, AnUnpushedSlotIsPreparedAgain) {
  ReplyQueue queue(2);
  Reply* slot = &queue.prepare();  // a kSilence reply: never pushed
  slot->size = 9;
  EXPECT_EQ(&queue.prepare(), slot);
  EXPECT_EQ(slot->size, 0U);
  EXPECT_TRUE(queue.empty());
}

TEST(ReplyQueue, HoldsAtLeastOne) {
  ReplyQueue queue(0);
  EXPECT_EQ(queue.capacity(), 1U);
}

}  // namespace
}  // namespace mbh::transport
