#include "reports/frame_marks.hpp"

#include "harness/codec/codec_error.hpp"
#include "harness/exchange/answer_faults.hpp"

namespace mbh::reports {

std::vector<ByteMark> response_marks(std::span<const std::byte> response,
                                     std::span<const std::byte> request) {
  std::vector<ByteMark> marks;
  for (const auto& fault : exchange::answer_faults(response, request)) {
    marks.push_back(
        {fault.error.offset, fault.width,
         fault.detail.empty() ? std::string(codec::message(fault.error.code)) : fault.detail});
  }
  return marks;
}

}  // namespace mbh::reports
