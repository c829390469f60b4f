#pragma once
// Bugs real Modbus stacks have had, as the simulator plays them (`--fault bug=CLASS`): a request
// of the class crashes the server or makes it stop answering, as the buggy stack did, so that
// a test can show `mbharness fuzz` reaches each class on purpose. Each is judged on the PDU's
// fields as a lenient stack reads them (trailing bytes ignored), as the stacks that had them
// did. Pure.
#include <cstdint>
#include <span>
#include <string_view>

#include "models/register_map.hpp"

namespace mbh::simulator {

enum class BugReaction : std::uint8_t { kCrash, kHang };

struct BugClass {
  std::string_view name;  // "read-past-65535"
  BugReaction reaction;
  std::string_view trigger;  // one line: what sets it off
  std::string_view example;  // the public report of a stack that had it
  bool (*triggered)(std::span<const std::byte> pdu, const models::RegisterMap& map);
};

std::span<const BugClass> bug_classes();
const BugClass* find_bug_class(std::string_view name);

}  // namespace mbh::simulator
