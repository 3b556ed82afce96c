-- DynamoDB PutItem straight to a DynamoDB endpoint (dynalite): the ceiling of any path that writes through it.
-- The item has the writer's shape (ID, created, payload map, metadata, principalId, apiKeyId, runId) and the
-- same condition (attribute_not_exists(ID)); every request has its own ID, so every request is a new item.
--
--   TURNSTILE_TABLE=bench-items wrk -t2 -c16 -d20s --latency -s bench/wrk/putitem.lua http://127.0.0.1:PORT
--
-- The table must exist (bench/sitting.sh creates it with the AWS CLI). dynalite checks that a SigV4
-- Authorization header is present and well formed, not its signature.

local table_name = os.getenv("TURNSTILE_TABLE") or "bench-items"
local counter = 0
local prefix = ""

-- one prefix per wrk thread (each thread has its own Lua state; setup() numbers them)
function init(args)
  prefix = string.format("wrk-%d-%d-", os.time(), thread_index)
end

function request()
  counter = counter + 1
  local body = '{"TableName":"' .. table_name .. '","Item":{' ..
    '"ID":{"S":"' .. prefix .. counter .. '"},' ..
    '"created":{"S":"2026-12-01T00:00:00.000Z"},' ..
    '"payload":{"M":{"source":{"S":"wrk"},"kind":{"S":"putitem"},"n":{"N":"1"}}},' ..
    '"principalId":{"S":"user-allow"},"apiKeyId":{"S":"benchkeyid"},"runId":{"S":"bench"}},' ..
    '"ConditionExpression":"attribute_not_exists(ID)"}'
  return wrk.format("POST", "/", {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810.PutItem",
    ["X-Amz-Date"] = "20261201T000000Z",
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20261201/us-east-1/dynamodb/aws4_request, " ..
      "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" .. string.rep("0", 64)
  }, body)
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_index", #threads)
end

function response(status, headers, body)
  if status ~= 200 then
    bad = (bad or 0) + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("bad") or 0)
  end
  io.write(string.format("non-200: %d\n", total))
end
