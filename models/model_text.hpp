#pragma once
// The words a model is shown with: type names as the documents write them, space and access
// as INTERFACE.md's `maps --json` spells them, safety classes as RULES.md names them.
#include <string>
#include <string_view>

#include "harness/codec/values/data_type.hpp"
#include "models/register_map.hpp"

namespace mbh::models {

std::string type_name(codec::DataType type);       // "uint32", "str20", "float32", "event_array"
std::string_view space_name(Space space);          // "holding", "input"
std::string_view access_name(Access access);       // "r", "rw"
std::string_view safety_name(SafetyClass safety);  // "setting", "actuating", ...
std::string_view display_name(Display display);    // "number", "ipv4", "ascii"
std::string_view word_order_name(codec::WordOrder order);  // "high_first", "low_first"

}  // namespace mbh::models
