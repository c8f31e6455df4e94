-- wrk script for bench/reports: the dashboard and the yearly report as a signed-in owner.
-- Args (after --): mode cookie. mode: dashboard (GET /api/v1/dashboard), report (a calendar
-- year compared with the year before), quarter (a random quarter, no comparison).
local mode, cookie

function init(args)
  mode, cookie = args[1], args[2]
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

request = function()
  local path
  if mode == "dashboard" then
    path = "/api/v1/dashboard"
  elseif mode == "quarter" then
    local year = math.random(2025, 2026)
    local q = math.random(0, 3)
    path = string.format("/api/v1/reports?from=%d-%02d-01&to=%d-%02d-28&compare=none", year,
      q * 3 + 1, year, q * 3 + 3)
  else
    path = "/api/v1/reports?from=2025-01-01&to=2025-12-31&compare=last_year"
  end
  return wrk.format("GET", path, { Cookie = cookie })
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.2f %.2f %.2f %d %d\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.duration))
end
