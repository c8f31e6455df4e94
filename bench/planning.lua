-- wrk script for bench/planning: the month calendar or the conflict check, on random dates of
-- the seeded years, as a signed-in manager; or one calendar revalidated with its ETag.
-- Args (after --): mode cookie csrf origin [path tag]; mode: calendar, revalidate, check
local mode, cookie, csrf, origin, path, tag
local base = 1675209600 -- 2023-02-01T00:00:00Z
local span_days = 1700

function init(args)
  mode, cookie, csrf, origin, path, tag = args[1], args[2], args[3], args[4], args[5], args[6]
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

local function iso(t)
  return os.date("!%Y-%m-%dT%H:%M:%SZ", t)
end

request = function()
  if mode == "revalidate" then
    return wrk.format("GET", path, { Cookie = cookie, ["If-None-Match"] = tag })
  end
  if mode == "calendar" then
    -- A month view: six weeks from a random day.
    local from = base + math.random(0, span_days) * 86400
    return wrk.format("GET", "/api/v1/calendar?from=" .. iso(from) .. "&to=" .. iso(from + 42 * 86400),
      { Cookie = cookie })
  end
  -- A six-hour evening plan: two crew members, three equipment lines.
  local start = base + math.random(0, span_days) * 86400 + 17 * 3600
  local body = string.format(
    '{"starts_at":"%s","ends_at":"%s","crew":[{"user_id":%d},{"user_id":%d}],' ..
    '"equipment":[{"item_id":%d,"quantity":2},{"item_id":%d,"quantity":1},{"item_id":%d,"quantity":1}]}',
    iso(start), iso(start + 6 * 3600), math.random(2, 51), math.random(52, 100),
    math.random(1, 66), math.random(67, 133), math.random(134, 200))
  return wrk.format("POST", "/api/v1/missions/check", {
    Cookie = cookie, ["X-CSRF-Token"] = csrf, Origin = origin, ["Content-Type"] = "application/json",
  }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.2f %.2f %.2f %d %d\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.duration))
end

