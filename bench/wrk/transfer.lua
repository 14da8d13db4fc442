-- Transfer-code round trips (spec §5.6): POST API/token/transfer for the token, then POST API/token/my with
-- grant_type transfer_code for a code an earlier answer of this thread brought. Codes are one-time, so any
-- connection of the thread may exchange any of them; a request is a create when no code is waiting.
--   -- token=FILE (the mytoken) [api=/api/v0]
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local create, codes, api = nil, {}, "/api/v0"
exchanges = 0

function init(args)
  api = arg_value(args, "api") or api
  local token = read_file(assert(arg_value(args, "token"), "token=FILE missing")):gsub("%s+$", "")
  create = wrk.format("POST", api .. "/token/transfer", { ["Content-Type"] = "application/json" },
    '{"mytoken":"' .. token .. '"}')
end

function request()
  local code = table.remove(codes)
  if not code then return create end
  return wrk.format("POST", api .. "/token/my", { ["Content-Type"] = "application/json" },
    '{"grant_type":"transfer_code","transfer_code":"' .. code .. '"}')
end

function response(status, headers, body)
  count_status(status)
  if status ~= 200 then return end
  local code = body:match('"transfer_code":"([^"]+)"')
  if code then
    codes[#codes + 1] = code
  else
    exchanges = exchanges + 1
  end
end
