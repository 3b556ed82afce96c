-- POST /Prod/items with a valid API key and a token whose Allow policy is cached after the first request.
-- Point it at a stage whose usage-plan bucket is empty: every response should be 429 TooManyRequestsException.
-- Override with env: TURNSTILE_STAGE (default Prod), TURNSTILE_API_KEY, TURNSTILE_TOKEN, TURNSTILE_TOKEN_HEADER (default authorizationToken, as in sam/template.yaml).
local stage = os.getenv("TURNSTILE_STAGE") or "Prod"
wrk.method = "POST"
wrk.path = "/" .. stage .. "/items"
wrk.body = '{"bench":true}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-api-key"] = os.getenv("TURNSTILE_API_KEY") or "BenchKeyBenchKeyBench0001"
wrk.headers[os.getenv("TURNSTILE_TOKEN_HEADER") or "authorizationToken"] = os.getenv("TURNSTILE_TOKEN") or "allow"


done = function(summary, latency, requests)
  -- per-thread counters are not shared back in wrk; report what the summary knows
  io.write(string.format("non-2xx/3xx: %d of %d\n", summary.errors.status, summary.requests))
end
