-- wrk script for bench/equipment, as a signed-in manager: the availability of every item over a
-- month from a random day of the seeded years, or one item's scan view.
-- Args (after --): mode cookie; mode: availability, scan
local mode, cookie
local base = 1675209600 -- 2023-02-01T00:00:00Z
local span_days = 1700

function init(args)
  mode, cookie = args[1], args[2]
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

local function iso(t)
  return os.date("!%Y-%m-%dT%H:%M:%SZ", t)
end

request = function()
  if mode == "scan" then
    return wrk.format("GET", "/api/v1/equipment/" .. math.random(1, 200) .. "/scan",
      { Cookie = cookie })
  end
  local from = base + math.random(0, span_days) * 86400
  return wrk.format("GET",
    "/api/v1/equipment/availability?from=" .. iso(from) .. "&to=" .. iso(from + 30 * 86400),
    { Cookie = cookie })
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.2f %.2f %.2f %d %d\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.duration))
end
