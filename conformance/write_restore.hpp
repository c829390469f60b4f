#pragma once
// Putting back what a run changed (RULES.md "Restoring, read this way"): a configuration
// sequence left open rolled back, then every journalled row put back with the journal's steps
// (harness/journal/register_restore.hpp) through the session, verified by reading; the
// journal says whether it worked.
#include "models/register_map.hpp"

namespace mbh::conformance {

class Session;

// Restores one row; true when it is back.
bool restore_row(Session& session, const models::RegisterRow& row);

// Rolls back an open configuration sequence, then restores every journalled row not yet back,
// in the order they were first journalled, and closes the journal. Runs also after the run
// stopped or was interrupted; a second signal (Session::restore_aborted) ends it.
void restore_writes(Session& session);

}  // namespace mbh::conformance
