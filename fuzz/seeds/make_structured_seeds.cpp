// Writes fuzz_structured's seeds into a folder. The target reads its input through a
// FuzzedDataProvider, whose byte order is its own business, so seeds are found rather than
// written: short pseudo-random byte strings (a fixed xorshift, so the same seeds come out every
// time) are built into cases by the target's own build_structured_case(), and the first string
// giving each wanted kind of case is kept: for every function code a valid request with its
// answer and (except FC 06 and 22, whose fields are all valid) a refused request with its
// exception; and a plain exception and refused responses for a few codes.
//   make_structured_seeds DIR      (DIR: corpus/fuzz_structured)
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <variant>
#include <vector>

#include "fuzz/seeds/seed_files.hpp"
#include "fuzz/structured_case.hpp"
#include "harness/codec/request_codec.hpp"
#include "harness/codec/response_codec.hpp"

namespace {

namespace codec = mbh::codec;

enum class Kind { kValid, kRefusedRequest, kException, kRefusedResponse };

struct Wanted {
  std::uint8_t function;
  Kind kind;
};

constexpr std::uint8_t kFunctions[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
                                       0x0F, 0x10, 0x16, 0x17, 0x2B};

std::vector<Wanted> wanted() {
  std::vector<Wanted> out;
  for (const std::uint8_t function : kFunctions) {
    out.push_back({function, Kind::kValid});
    if (function != 0x06 && function != 0x16) out.push_back({function, Kind::kRefusedRequest});
  }
  out.push_back({0x03, Kind::kException});
  for (const int function : {0x03, 0x05, 0x2B})
    out.push_back({static_cast<std::uint8_t>(function), Kind::kRefusedResponse});
  return out;
}

Kind kind_of(const mbh::fuzz::StructuredCase& c) {
  if (codec::validate(c.request)) return Kind::kRefusedRequest;
  if (codec::validate(c.response)) return Kind::kRefusedResponse;
  if (std::holds_alternative<codec::ExceptionResponse>(c.response)) return Kind::kException;
  return Kind::kValid;
}

std::string name_of(const Wanted& w) {
  static constexpr const char* kKindNames[] = {"valid", "refused-request", "exception",
                                               "refused-response"};
  char function[8];
  std::snprintf(function, sizeof function, "fc%02x-", unsigned{w.function});
  return function + std::string(kKindNames[static_cast<int>(w.kind)]) + ".bin";
}

class Xorshift {
 public:
  std::uint64_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }

 private:
  std::uint64_t state_ = 0x6D626861726E6573;  // "mbharnes"
};

// The first byte string (8 to 95 bytes) that builds a case of the wanted kind; none if a
// million tries found none.
std::vector<std::uint8_t> find(Xorshift& random, const Wanted& w) {
  for (int tries = 0; tries < 1'000'000; ++tries) {
    std::vector<std::uint8_t> bytes(8 + random.next() % 88);
    for (std::uint8_t& byte : bytes)
      byte = static_cast<std::uint8_t>(random.next());
    FuzzedDataProvider input(bytes.data(), bytes.size());
    const auto c = mbh::fuzz::build_structured_case(input);
    if (codec::function_byte(c.request) == w.function && kind_of(c) == w.kind) return bytes;
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  const auto dir = mbh::fuzz::seed_folder(argc, argv);
  if (!dir) return 2;
  Xorshift random;
  bool ok = true;
  for (const Wanted& w : wanted()) {
    const auto seed = find(random, w);
    if (seed.empty()) std::fprintf(stderr, "no seed found for %s\n", name_of(w).c_str());
    ok = !seed.empty() && mbh::fuzz::write_seed(*dir, name_of(w), seed) && ok;
  }
  return ok ? 0 : 1;
}
