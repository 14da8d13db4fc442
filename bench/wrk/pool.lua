-- A POST with a token from a pool file: thread `tid` of `threads` takes every threads-th line, starting at
-- line tid+1. By default each token is used once (revocation): when the thread's share is used up it sends
-- the last token again and counts the request as `exhausted` (bench/run then reports the run as invalid).
-- With cycle=1 the thread goes round its share instead (several token families at once).
--   -- pool=FILE template=FILE (the body; %s is replaced by the token) threads=N [cycle=1]
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local reqs, next_req, cycle = {}, 1, false

function init(args)
  local template = read_file(assert(arg_value(args, "template"), "template=FILE missing")):gsub("%s+$", "")
  local threads = tonumber(arg_value(args, "threads") or "1")
  cycle = arg_value(args, "cycle") == "1"
  local i = 0
  local pool = assert(arg_value(args, "pool"), "pool=FILE missing")
  for token in io.lines(pool) do
    if i % threads == tid and token ~= "" then
      local body = template:gsub("%%s", function() return token end)
      reqs[#reqs + 1] = wrk.format("POST", wrk.path, { ["Content-Type"] = "application/json" }, body)
    end
    i = i + 1
  end
  assert(#reqs > 0, "pool share of thread " .. tid .. " is empty")
end

function request()
  local r = reqs[next_req]
  if next_req < #reqs then
    next_req = next_req + 1
  elseif cycle then
    next_req = 1
  else
    exhausted = exhausted + 1
  end
  return r
end
