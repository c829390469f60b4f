#pragma once
// Putting back what a run changed: the original value of a journalled row written again
// (through the configuration sequence for Enapter's configuration registers), read back and
// compared; the journal says whether it worked.
#include "models/register_map.hpp"

namespace mbh::conformance {

class Session;

// Restores one row; true when its original reads back.
bool restore_row(Session& session, const models::RegisterRow& row);

// Every journalled row not yet restored, in the order they were first written. Runs also
// after the run stopped or was interrupted.
void restore_writes(Session& session);

}  // namespace mbh::conformance
