-- Shared part of every bench/wrk script (loaded with dofile; BENCH_WRK_DIR names this directory).
-- Counts non-2xx answers per thread and prints one machine-readable "BENCH key=value ..." line at the end,
-- which bench/run parses. wrk itself counts only statuses > 399, so a 1xx/3xx would go unnoticed there.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

non2xx = 0
exhausted = 0 -- requests a pool-consuming script had no fresh token for (the run is then invalid)

function count_status(status)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function response(status, headers, body)
  count_status(status)
end

-- The value of `name` from "--" arguments of the form name=value (nil if absent).
function arg_value(args, name)
  for _, a in ipairs(args) do
    local k, v = a:match("^([^=]+)=(.*)$")
    if k == name then return v end
  end
  return nil
end

function read_file(path)
  local f = assert(io.open(path, "rb"), "cannot open " .. path)
  local s = f:read("*a")
  f:close()
  return s
end

function done(summary, latency, requests)
  local bad, missing = 0, 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
    missing = missing + t:get("exhausted")
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d socket_errors=%d exhausted=%d\n",
    summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    bad, e.connect + e.read + e.write + e.timeout, missing))
end
