-- wrk script: POSTs one canned request body and prints a one-line JSON summary (latencies in microseconds).
-- Environment: BENCH_BODY (file), BENCH_PATH, BENCH_MODEL (replaces the body's model, optional),
-- BENCH_HEADERS ("name: value" pairs separated by "|", optional), BENCH_COUNT_HEADER (a response header whose
-- values are counted, optional: e.g. x-baton-attempts on the fallback row).

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local body = read(os.getenv("BENCH_BODY"))
local model = os.getenv("BENCH_MODEL")
if model and model ~= "" then
  body = body:gsub('"model":"[^"]*"', '"model":"' .. model .. '"', 1)
end

local headers = { ["content-type"] = "application/json", ["anthropic-version"] = "2023-06-01",
                  ["user-agent"] = "claude-cli/2.0.50 (external, cli)", ["x-app"] = "cli" }
for pair in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^|]+") do
  local name, value = pair:match("^%s*([^:]+):%s*(.*)$")
  if name then headers[name:lower()] = value end
end

local request_text
local counted = os.getenv("BENCH_COUNT_HEADER")
local threads = {}

function setup(thread) table.insert(threads, thread) end

function init()
  -- formatted here, not at load time: wrk.format adds the Host header, which wrk knows only once threads start
  request_text = wrk.format("POST", os.getenv("BENCH_PATH"), headers, body)
  seen = {}
end

function request() return request_text end

if counted and counted ~= "" then
  function response(status, hdrs, _)
    local v = hdrs[counted] or ("status " .. status)
    seen[v] = (seen[v] or 0) + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local total, counts = {}, {}
  for _, t in ipairs(threads) do
    local s = t:get("seen")
    if s then for k, v in pairs(s) do total[k] = (total[k] or 0) + v end end
  end
  for k, v in pairs(total) do counts[#counts + 1] = string.format('"%s":%d', k, v) end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"rps":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d,' ..
    '"mean":%.1f,"err_connect":%d,"err_read":%d,"err_write":%d,"err_status":%d,"err_timeout":%d,"counts":{%s}}\n',
    summary.requests, summary.duration, summary.bytes, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout, table.concat(counts, ",")))
end
