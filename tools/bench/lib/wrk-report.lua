-- wrk script of the bench: rotates the request over the paths given after `--` (so that a BFF
-- cannot serve every request from one in-flight call), and prints one JSON line at the end.
-- With BENCH_COUNT_DEGRADED set, it also counts 200 answers whose `meta.degraded` is not empty
-- (a page served without a part is fast, but not the page).
local paths = {}
local index = 0
local threads = {}
degraded = 0

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  for _, path in ipairs(args) do
    paths[#paths + 1] = path
  end
  -- Defining `request` makes wrk build every request in Lua: only worth it for several paths.
  if #paths > 1 then
    request = function()
      index = index % #paths + 1
      return wrk.format(nil, paths[index])
    end
  end
end

-- wrk reads bodies for Lua only when `response` exists as the script loads.
if os.getenv("BENCH_COUNT_DEGRADED") then
  function response(status, headers, body)
    if status == 200 and not string.find(body, '"degraded":[]', 1, true) then
      degraded = degraded + 1
    end
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  local degradedTotal = 0
  for _, thread in ipairs(threads) do
    degradedTotal = degradedTotal + (thread:get("degraded") or 0)
  end
  io.write(string.format(
    'WRK_JSON {"durationUs":%d,"requests":%d,"bytes":%d,"degraded":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"latencyUs":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,' ..
      '"p50":%d,"p75":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.duration, summary.requests, summary.bytes, degradedTotal,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9)))
end
