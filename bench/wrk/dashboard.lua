-- wrk script: GET /api/v1/dashboard of one unit (docs/api.md), with a token.
-- CAIRN_UNIT: the unit (default unit_1, the first function of the workload);
-- CAIRN_AS_OF: read as of this instant (see read_objective.lua for why).
--   CAIRN_TOKEN=... CAIRN_UNIT=unit_1 CAIRN_AS_OF=2026-12-31T00:00:00Z \
--     wrk -t2 -c64 -d10s --latency -s bench/wrk/dashboard.lua http://127.0.0.1:18181
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
local token = os.getenv("CAIRN_TOKEN")
local path = "/api/v1/dashboard?unit_id=" .. (os.getenv("CAIRN_UNIT") or "unit_1")
local as_of = os.getenv("CAIRN_AS_OF")
if as_of then path = path .. "&as_of=" .. as_of end

request = function()
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end
