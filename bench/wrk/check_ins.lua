-- wrk script: check-ins on random key results of the `team` workload.
-- CAIRN_TOKEN: an API token of a person who may check in (an admin);
-- CAIRN_KEY_RESULTS: how many key results the organisation has.
--   CAIRN_TOKEN=... CAIRN_KEY_RESULTS=4172 wrk -t2 -c64 -d10s --latency \
--     -s bench/wrk/check_ins.lua http://127.0.0.1:18181
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
local token = os.getenv("CAIRN_TOKEN")
local key_results = tonumber(os.getenv("CAIRN_KEY_RESULTS") or "4172")
math.randomseed(os.time())

request = function()
  local kr = math.random(0, key_results - 1)
  local body = string.format('{"value":%d,"confidence":%d}', math.random(0, 100),
                             math.random(1, 10))
  return wrk.format("POST", "/api/v1/key-results/kr_" .. kr .. "/check-ins",
                    {["Content-Type"] = "application/json",
                     ["Authorization"] = "Bearer " .. token}, body)
end
