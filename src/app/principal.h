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

}  // namespace cairn::app
