#pragma once
// Bytes as the reproduce commands print them: "03:9C:41:00:01" (no spaces, so no quoting).
#include <cstddef>
#include <span>
#include <string>

namespace mbh::conformance {

std::string hex_colons(std::span<const std::byte> bytes);

}  // namespace mbh::conformance
