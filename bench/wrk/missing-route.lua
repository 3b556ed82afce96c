-- GET a path the API does not define: every response should be 403 MissingAuthenticationTokenException.
local stage = os.getenv("TURNSTILE_STAGE") or "Prod"
wrk.method = "GET"
wrk.path = "/" .. stage .. "/no/such/route"

done = function(summary, latency, requests)
  io.write(string.format("non-2xx/3xx: %d of %d\n", summary.errors.status, summary.requests))
end
