#include "harness/netfuzz/allowed_writes.hpp"

#include "harness/codec/protocol_limits.hpp"

namespace mbh::netfuzz {
namespace {

void add(std::vector<PlannedFrame>& out, const SendContext& context, Pdu pdu) {
  if (safe_to_send(context, pdu)) out.push_back({FrameKind::kWrite, std::move(pdu), {}});
}

Pdu values(unsigned registers) {
  Pdu out(2U * registers);
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<std::byte>(i % 2 == 0 ? 0x00U : (i / 2 + 1U) & 0xFFU);
  return out;
}

}  // namespace

std::vector<PlannedFrame> allowed_write_frames(const SendContext& context) {
  std::vector<PlannedFrame> out;
  const auto& rows = context.policy->rows();
  for (const auto* row : rows) {
    const auto count = static_cast<unsigned>(row->type.register_count());
    add(out, context,
        count == 1
            ? write_single(kWriteRegister, row->address, 1)
            : write_multiple(kWriteRegisters, row->address, count, 2 * count, values(count)));
  }
  // Runs of rows, each starting where the one before ends.
  for (std::size_t begin = 0; begin < rows.size();) {
    std::size_t end = begin + 1;
    unsigned span = static_cast<unsigned>(rows[begin]->type.register_count());
    while (end < rows.size() && rows[end]->address == rows[begin]->address + span &&
           span + rows[end]->type.register_count() <= codec::kMaxWriteRegisters) {
      span += static_cast<unsigned>(rows[end]->type.register_count());
      ++end;
    }
    if (end - begin >= 2) {
      add(out, context,
          write_multiple(kWriteRegisters, rows[begin]->address, span, 2 * span, values(span)));
    }
    begin = end;
  }
  return out;
}

}  // namespace mbh::netfuzz
