#include "harness/codec/adu_framer.hpp"

#include <algorithm>
#include <cstring>

namespace mbh::codec {

FrameResult frame_adu(std::span<const std::byte> buffered) {
  if (buffered.size() < kMbapSize) return NeedMore{kMbapSize - buffered.size()};
  const MbapHeader header = decode_mbap(buffered.first<kMbapSize>());
  if (auto error = check_mbap(header)) return *error;
  const std::size_t size = kMbapSize - 1 + header.length;
  if (buffered.size() < size) return NeedMore{size - buffered.size()};
  return FramedAdu{Adu{header, buffered.subspan(kMbapSize, size - kMbapSize)}, size};
}

void StreamFramer::compact() {
  if (begin_ == 0) return;
  std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
  end_ -= begin_;
  begin_ = 0;
}

std::span<std::byte> StreamFramer::writable() {
  compact();
  return std::span<std::byte>(buffer_).subspan(end_);
}

void StreamFramer::commit(std::size_t received) {
  end_ += std::min(received, buffer_.size() - end_);
}

std::size_t StreamFramer::feed(std::span<const std::byte> bytes) {
  const auto room = writable();
  const std::size_t taken = std::min(room.size(), bytes.size());
  std::copy_n(bytes.begin(), taken, room.begin());
  commit(taken);
  return taken;
}

FrameResult StreamFramer::next() {
  if (error_) return *error_;
  auto result = frame_adu(std::span<const std::byte>(buffer_).subspan(begin_, end_ - begin_));
  if (auto* framed = std::get_if<FramedAdu>(&result)) {
    begin_ += framed->size;
    stream_offset_ += framed->size;
  } else if (auto* error = std::get_if<DecodeError>(&result)) {
    error->offset += stream_offset_;
    error_ = *error;
  }
  return result;
}

StreamFramer::Skip StreamFramer::skip_bad_frame() {
  if (!error_) return Skip::kSkipped;
  const auto held = std::span<const std::byte>(buffer_).subspan(begin_, end_ - begin_);
  if (held.size() < kMbapSize) return Skip::kNeedMore;
  const MbapHeader header = decode_mbap(held.first<kMbapSize>());
  const std::size_t size = kMbapSize - 1 + header.length;
  if (size > kMaxAduSize) return Skip::kBeyond;
  if (held.size() < size) return Skip::kNeedMore;
  begin_ += size;
  stream_offset_ += size;
  error_.reset();
  return Skip::kSkipped;
}

}  // namespace mbh::codec
