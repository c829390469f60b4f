#include "harness/codec/aggregate_traits.hpp"

namespace mbh::codec {

std::ostream& operator<<(std::ostream& out, const Request& request) {
  std::visit([&out](const auto& r) { out << r; }, request);
  return out;
}

std::ostream& operator<<(std::ostream& out, const Response& response) {
  std::visit([&out](const auto& r) { out << r; }, response);
  return out;
}

}  // namespace mbh::codec
