-- wrk script: GET /api/v1/objectives/{id} of one objective, with a token.
-- CAIRN_AS_OF: read as of this instant (the `team` workload's check-ins run
-- to late December 2026, so before then "now" is in its past and every read
-- evaluates history; pass an instant after its last change to read the live
-- model, as a server does after its latest write). bench/run also points it
-- at nginx, which serves the same bytes as a file at the same path.
--   CAIRN_TOKEN=... CAIRN_OBJECTIVE=obj_1 CAIRN_AS_OF=2027-01-01T00:00:00Z \
--     wrk -t2 -c64 -d10s --latency -s bench/wrk/read_objective.lua http://127.0.0.1:18181
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
local token = os.getenv("CAIRN_TOKEN")
local objective = os.getenv("CAIRN_OBJECTIVE") or "obj_1"
local as_of = os.getenv("CAIRN_AS_OF")
local path = "/api/v1/objectives/" .. objective
if as_of then path = path .. "?as_of=" .. as_of end

request = function()
  return wrk.format("GET", path,
                    {["Authorization"] = "Bearer " .. token})
end
