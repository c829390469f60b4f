// Writes fuzz_response's seeds into a folder: every worked example of the specification
// (tests/codec/golden_vectors.hpp) as its response under the header of its request
// (pair-NN.bin) and under no request (response-NN.bin). Each pair must decode against the
// header's request, so a change to the header that stops naming the example's request fails
// here, not as a corpus that no longer reaches the paired decode.
//   make_response_seeds DIR      (DIR: corpus/fuzz_response)
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/response_case.hpp"
#include "fuzz/seeds/seed_files.hpp"
#include "harness/codec/response_codec.hpp"
#include "tests/codec/golden_vectors.hpp"
#include "tests/codec/hex_bytes.hpp"

namespace {

namespace codec = mbh::codec;

// "01 Read Coils" -> "01", "exception: ..." -> "exception".
std::string short_name(std::string_view name) {
  return std::string(name.substr(0, name.find_first_of(" :/")));
}

std::vector<std::uint8_t> seed(const std::optional<codec::Request>& request,
                               std::span<const std::byte> response) {
  std::vector<std::uint8_t> out;
  for (const std::byte b : mbh::fuzz::request_header(request))
    out.push_back(std::to_integer<std::uint8_t>(b));
  for (const std::byte b : response)
    out.push_back(std::to_integer<std::uint8_t>(b));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  const auto dir = mbh::fuzz::seed_folder(argc, argv);
  if (!dir) return 2;
  bool ok = true;
  for (const auto& vector : codec::testing::golden_vectors()) {
    const auto response = codec::testing::hex(vector.response_hex);
    const auto pair = seed(vector.request, response);
    const auto read = mbh::fuzz::read_response_case(
        std::as_bytes(std::span<const std::uint8_t>(pair.data(), pair.size())));
    if (!read || !read->request || !codec::decode_response(read->response, *read->request)) {
      std::fprintf(stderr, "%s: the header's request does not take the example's response\n",
                   std::string(vector.name).c_str());
      ok = false;
      continue;
    }
    const std::string name = short_name(vector.name);
    ok = mbh::fuzz::write_seed(*dir, "pair-" + name + ".bin", pair) && ok;
    ok = mbh::fuzz::write_seed(*dir, "response-" + name + ".bin", seed(std::nullopt, response)) &&
         ok;
  }
  return ok ? 0 : 1;
}
