#pragma once
// What the map file reader throws at the first fault it finds; load_map_text catches it and
// turns it into a MapFileError at the fault's position. Thrown rather than returned because
// the first fault ends the load, and so every check stays one line at the place it belongs.
#include <string>
#include <utility>

namespace mbh::models {

struct MapFileFault {
  enum class At {
    kValue,  // where the field's value starts
    kKey,    // where the field's key starts (an unknown or doubled key)
  };
  std::string field;    // the field at fault, as the error names it ("rows[3].type")
  std::string message;  // what is wrong, and what was expected
  std::string located;  // the path whose position is reported: the field, or the object a
                        // missing field belongs in
  At at = At::kValue;
};

// The value of `field` is wrong.
[[noreturn]] inline void refuse(const std::string& field, std::string message) {
  throw MapFileFault{field, std::move(message), field, MapFileFault::At::kValue};
}

// The key `field` should not be there.
[[noreturn]] inline void refuse_key(const std::string& field, std::string message) {
  throw MapFileFault{field, std::move(message), field, MapFileFault::At::kKey};
}

// `field` is missing from the object at `object_path`: reported where that object starts.
[[noreturn]] inline void refuse_missing(const std::string& field, const std::string& object_path,
                                        std::string message) {
  throw MapFileFault{field, std::move(message), object_path, MapFileFault::At::kValue};
}

}  // namespace mbh::models
