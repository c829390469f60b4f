#include "fuzz/message_output.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <ostream>
#include <span>
#include <streambuf>
#include <string_view>
#include <variant>

#include "fuzz/fuzz_input.hpp"
#include "harness/codec/aggregate_traits.hpp"
#include "harness/codec/protocol_limits.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace mbh::fuzz {
namespace {

// Keeps the first characters printed and counts the rest: no allocation per input.
class PrintedPrefix : public std::streambuf {
 public:
  void reset() { size_ = 0; }
  std::string_view prefix() const { return {prefix_.data(), std::min(size_, prefix_.size())}; }

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) put(traits_type::to_char_type(c));
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* text, std::streamsize count) override {
    for (std::streamsize i = 0; i < count; ++i)
      put(text[i]);
    return count;
  }

 private:
  void put(char c) {
    if (size_ < prefix_.size()) prefix_[size_] = c;
    ++size_;
  }
  std::array<char, 64> prefix_{};
  std::size_t size_ = 0;
};

// ReadHoldingRegistersRequest{address=107, quantity=3}: the name first, then the fields.
template <class Message>
void check_printed_as_named(const Message& message) {
  static PrintedPrefix printed;
  static std::ostream out(&printed);
  printed.reset();
  out << message;
  const std::string_view name =
      std::visit([](const auto& m) -> std::string_view { return m.kName; }, message);
  const auto text = printed.prefix();
  if (!out || !text.starts_with(name) || text.size() <= name.size() || text[name.size()] != '{') {
    invariant_broken("a message does not print as its name and fields");
  }
}

template <class Message, class Encode>
void check_refused_one_short(const Message& message, Encode encode) {
  std::array<std::byte, codec::kMaxPduSize> out{};
  const auto size = encode(message, std::span<std::byte>(out));
  if (!size.ok() || size.value() == 0) invariant_broken("a well-formed message does not encode");
  const auto short_size = encode(message, std::span<std::byte>(out.data(), size.value() - 1));
  if (short_size.ok() || short_size.error() != codec::EncodeError::kOutputTooSmall ||
      codec::message(short_size.error()).empty()) {
    invariant_broken("encoding into one byte too few did not fail as output-too-small");
  }
}

}  // namespace

void check_printed(const codec::Request& request) {
  check_printed_as_named(request);
}

void check_printed(const codec::Response& response) {
  check_printed_as_named(response);
}

void check_short_output(const codec::Request& request) {
  check_refused_one_short(request,
                          [](const auto& r, auto out) { return codec::encode_request(r, out); });
}

void check_short_output(const codec::Response& response) {
  check_refused_one_short(response,
                          [](const auto& r, auto out) { return codec::encode_response(r, out); });
}

}  // namespace mbh::fuzz
