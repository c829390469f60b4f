#pragma once
// A frame as read (frame_reading.hpp) as JSON, keys in a reading order: `decode --json` and
// `send --json` print it.
#include <nlohmann/json.hpp>

#include "harness/exchange/frame_reading.hpp"

namespace mbh::exchange {

nlohmann::ordered_json render_json(const DecodedFrame& frame);
nlohmann::ordered_json render_json(const MalformedFrame& frame);
nlohmann::ordered_json render_json(const FrameReading& frame);

}  // namespace mbh::exchange
