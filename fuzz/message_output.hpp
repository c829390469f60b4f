#pragma once
// What every well-formed message must also do besides decoding back: print as its type's name
// and fields (logs, test failures), and refuse an output buffer one byte too small with the
// encoder's typed error rather than write past its end.
#include "harness/codec/pdu_types.hpp"

namespace mbh::fuzz {

void check_printed(const codec::Request& request);
void check_printed(const codec::Response& response);

void check_short_output(const codec::Request& request);
void check_short_output(const codec::Response& response);

}  // namespace mbh::fuzz
