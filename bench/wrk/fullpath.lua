-- Turnstile full-path benchmark: POST /items with a valid API key and the `allow` token, so every request goes
-- through API key check + cached Allow (the authorizer runs once per TTL) + usage plan + the writer function +
-- a DynamoDB PutItem + an access-log line.
--
--   TURNSTILE_API_KEY=$(jq -r '.usagePlans[] | select(.name|endswith("-standard")) | .apiKeys[0].value' DATA/stage.json) \
--   wrk -t2 -c16 -d20s --latency -s bench/wrk/fullpath.lua "$(jq -r .invokeUrl DATA/stage.json)"
--
-- The URL is the stage's invoke URL (…/Prod); the script appends /items. Non-200 answers are counted and printed
-- by status at the end (wrk's own "Non-2xx" line does not tell a 429 from a 502).

local key = os.getenv("TURNSTILE_API_KEY")
if key == nil or key == "" then
  error("set TURNSTILE_API_KEY to the standard plan's key value (see the comment at the top of fullpath.lua)")
end

wrk.method = "POST"
wrk.path = wrk.path:gsub("/$", "") .. "/items"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-api-key"] = key
wrk.headers["authorizationToken"] = "allow"
wrk.body = '{"source":"wrk","kind":"fullpath","n":1}'

-- per-thread status counts, collected in done()
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  if status ~= 200 then
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local bad = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      bad[status] = (bad[status] or 0) + n
    end
  end
  local any = false
  for status, n in pairs(bad) do
    io.write(string.format("non-200: %d x %d\n", n, status))
    any = true
  end
  if not any then
    io.write("non-200: none\n")
  end
end
