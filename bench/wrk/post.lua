-- The same POST on every request.
--   -- body=FILE [type=CONTENT-TYPE (default application/json)] [auth=AUTHORIZATION-HEADER-VALUE]
--      [collect=PREFIX]  append every "mytoken" of a 2xx answer to PREFIX.<thread> (a pool for pool.lua)
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local req, out

function init(args)
  local headers = { ["Content-Type"] = arg_value(args, "type") or "application/json" }
  local auth = arg_value(args, "auth")
  if auth then headers["Authorization"] = auth end
  req = wrk.format("POST", wrk.path, headers, read_file(assert(arg_value(args, "body"), "body=FILE missing")))
  local collect = arg_value(args, "collect")
  if collect then out = assert(io.open(collect .. "." .. tid, "a")) end
end

function request()
  return req
end

function response(status, headers, body)
  count_status(status)
  if out and status == 200 then
    local token = body:match('"mytoken":"([^"]+)"')
    if token then out:write(token, "\n") end
  end
end
