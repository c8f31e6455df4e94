-- wrk script for bench/search: one search query as a signed-in owner.
-- Args (after --): cookie path.
local cookie, path

function init(args)
  cookie, path = args[1], args[2]
end

request = function()
  return wrk.format("GET", path, { Cookie = cookie })
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.2f %.2f %.2f %d %d\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.duration))
end
