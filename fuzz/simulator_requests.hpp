#pragma once
// Requests to the simulator's three devices composed from the fuzzer's bytes, aimed at the
// maps' real addresses: reads of blocks and rows, writes of writable rows with listed or any
// values, Enapter's configuration sequence, functions the devices lack, other unit ids. Raw
// bytes alone rarely get past the first exception to the registers and the state behind them.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <vector>

namespace mbh::fuzz {

// Appends the ADUs of at most `most` requests to `stream`, while `input` lasts.
void compose_requests(FuzzedDataProvider& input, std::size_t most, std::vector<std::byte>& stream);

}  // namespace mbh::fuzz
