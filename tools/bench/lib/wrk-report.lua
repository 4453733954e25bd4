-- wrk script of the bench: rotates the request over the paths given after `--` (so that a BFF
-- cannot serve every request from one in-flight call), and prints one JSON line at the end.
local paths = {}
local index = 0

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

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"durationUs":%d,"requests":%d,"bytes":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"latencyUs":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,' ..
      '"p50":%d,"p75":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.duration, summary.requests, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9)))
end
