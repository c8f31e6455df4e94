-- wrk script for bench/documents: pages of the invoice list as a signed-in manager.
-- Args (after --): mode cookie [path]. mode: list (first pages, newest first), filtered (a status
-- and a search word), overdue, stored (the stored PDF of invoices 101-300), draft (path).
local mode, cookie, fixed

function init(args)
  mode, cookie, fixed = args[1], args[2], args[3]
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

request = function()
  local path
  if mode == "filtered" then
    path = "/api/v1/invoices?status=issued,partially_paid&q=soiree+" .. math.random(1, 9999)
  elseif mode == "stored" then
    path = "/api/v1/invoices/" .. math.random(101, 300) .. "/pdf"
  elseif mode == "draft" then
    path = fixed
  elseif mode == "overdue" then
    path = "/api/v1/invoices?overdue=true&offset=" .. (math.random(0, 20) * 50)
  else
    path = "/api/v1/invoices?offset=" .. (math.random(0, 10) * 50)
  end
  return wrk.format("GET", path, { Cookie = cookie })
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.2f %.2f %.2f %d %d\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.duration))
end
