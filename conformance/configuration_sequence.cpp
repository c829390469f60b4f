#include "conformance/configuration_sequence.hpp"

#include <fmt/format.h>

#include "conformance/register_requests.hpp"
#include "conformance/session.hpp"
#include "models/known_state.hpp"

namespace mbh::conformance {
namespace {

Probe step(Session& session, bool checked, std::string name, const codec::Request& request) {
  if (checked) return session.check(std::move(name), request);
  Probe p = session.send(request);
  if (p.request && p.response)
    models::remember(session.map(), *p.request, *p.response, session.state());
  return p;
}

}  // namespace

SequenceSteps write_configured(Session& session, const models::RegisterRow& row,
                               std::span<const std::uint16_t> values, bool commit, bool checked,
                               const std::string& name) {
  SequenceSteps steps;
  const std::uint16_t one[] = {1};
  const std::uint16_t order[] = {static_cast<std::uint16_t>(commit ? 1 : 0)};
  const models::ConfigurationSequence& sequence = *session.map().configuration;
  steps.probes.push_back(step(session, checked, name + ": Configuration Begin",
                              write_request(session.map(), sequence.begin, one)));
  steps.probes.push_back(
      step(session, checked, name + ": write staged",
           write_request(session.map(), row.address, values, values.size() > 1)));
  steps.probes.push_back(step(session, checked,
                              name + (commit ? ": Configuration Commit" : ": roll back (Commit 0)"),
                              write_request(session.map(), sequence.commit, order)));
  steps.accepted = std::ranges::all_of(steps.probes, [](const Probe& p) { return p.accepted(); });
  return steps;
}

std::vector<const Probe*> steps_of(const SequenceSteps& steps) {
  std::vector<const Probe*> out;
  for (const Probe& p : steps.probes)
    out.push_back(&p);
  return out;
}

}  // namespace mbh::conformance
