// Who is making a request, once authenticated: a person of one organisation
// with their role. Every permission check and every log line starts here.
#pragma once

#include <cstdint>
#include <string>

#include "core/ids.h"
#include "core/organization.h"

namespace cairn::app {

struct Principal {
  std::int64_t organization = 0;
  core::PersonId person;
  core::Role role = core::Role::kViewer;
  std::int64_t token_id = 0;  // the API token used, 0 for a session
  std::string address;        // the client's IP address when known, for the security log
  // Set when a KPI's source acts (its push token, or the server's pull): it
  // records that KPI's values in the name of the KPI's owner, and nothing else.
  core::KpiId kpi_source;

  // How the change log names this actor.
  std::string actor() const {
    if (kpi_source.valid()) return "kpi:" + std::to_string(kpi_source.value());
    return "person:" + std::to_string(person.value());
  }
};

// Who a credential names before the organisation's model has confirmed it:
// an API token's or a session's person, not yet known to be active, nor in
// which role. Only Service::submit_unverified() takes one: its writer
// confirms the person under the lock it holds anyway, so that a request does
// not wait for the model's lock (held through each group commit's disk sync)
// just to learn who is asking. Nothing is ever authorised on an Identity.
struct Identity {
  std::int64_t organization = 0;
  core::PersonId person;
  std::int64_t token_id = 0;  // the API token used, 0 for a session
  std::string address;
};

}  // namespace cairn::app
