#include "models/map_file_text.hpp"

#include <nlohmann/json.hpp>

#include "models/map_json.hpp"

namespace mbh::models {
namespace {

using nlohmann::ordered_json;

// One value on one line, with a space after each ':' and ','.
void append_line(const ordered_json& value, std::string& out) {
  if (value.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      if (!first) out += ", ";
      first = false;
      out += ordered_json(key).dump();
      out += ": ";
      append_line(item, out);
    }
    out += '}';
  } else if (value.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (i > 0) out += ", ";
      append_line(value[i], out);
    }
    out += ']';
  } else {
    out += value.dump();
  }
}

bool is_list_of_objects(const ordered_json& value) {
  return value.is_array() && !value.empty() && value.front().is_object();
}

}  // namespace

std::string map_file_text(const RegisterMap& map) {
  const ordered_json j = map_json(map);
  std::string out = "{\n";
  bool first = true;
  for (const auto& [key, value] : j.items()) {
    if (!first) out += ",\n";
    first = false;
    out += "  " + ordered_json(key).dump() + ": ";
    if (!is_list_of_objects(value)) {
      append_line(value, out);
      continue;
    }
    out += "[\n";
    for (std::size_t i = 0; i < value.size(); ++i) {
      out += "    ";
      append_line(value[i], out);
      out += i + 1 < value.size() ? ",\n" : "\n";
    }
    out += "  ]";
  }
  out += "\n}\n";
  return out;
}

}  // namespace mbh::models
