// Rebuilding an organisation's model from the store's change log: on start,
// after another instance wrote (catching up), and after a failed commit.
#pragma once

#include <memory>

#include "app/events.h"
#include "app/live_organization.h"
#include "store/store.h"

namespace cairn::app {

// Builds the organisation from its whole log (the roll-up is computed once at
// the end). A change that does not apply is an error naming its seq: the
// store holds history this Cairn cannot reproduce, and serving a partial model
// would be wrong.
core::Result<std::unique_ptr<LiveOrganization>> load_organization(
    store::Store& store, const store::OrganizationRecord& record);

// Applies the changes after `live.seq` to the model; the caller holds the
// organisation's mutex exclusively. Publishes an event per change when `events`
// is given. Returns how many changes were applied.
core::Result<std::int64_t> catch_up(store::Store& store, LiveOrganization& live,
                                    const EventBus* events);

// Replaces the model with one rebuilt from the store (after a failed commit
// left the model ahead of the store). The caller holds the mutex exclusively.
core::Result<void> reload(store::Store& store, LiveOrganization& live);

}  // namespace cairn::app
