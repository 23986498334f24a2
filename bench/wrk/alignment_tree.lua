-- wrk script: the alignment tree below each of the company's objectives to
-- depth 3, GET /api/v1/objectives/{id}/tree?depth=3 (docs/api.md), in turn.
-- CAIRN_OBJECTIVES: the company's objectives, space-separated (the workload
-- makes them first: obj_0 obj_1 obj_2); CAIRN_AS_OF as in read_objective.lua.
--   CAIRN_TOKEN=... CAIRN_AS_OF=2026-12-31T00:00:00Z \
--     wrk -t2 -c64 -d10s --latency -s bench/wrk/alignment_tree.lua http://127.0.0.1:18181
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
local token = os.getenv("CAIRN_TOKEN")
local as_of = os.getenv("CAIRN_AS_OF")
local paths = {}
for id in string.gmatch(os.getenv("CAIRN_OBJECTIVES") or "obj_0 obj_1 obj_2", "%S+") do
  local path = "/api/v1/objectives/" .. id .. "/tree?depth=3"
  if as_of then path = path .. "&as_of=" .. as_of end
  paths[#paths + 1] = path
end
local next_path = 0

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path], {["Authorization"] = "Bearer " .. token})
end
