/**
 * The API Gateway (REST) data plane of the local stage, free of HTTP.
 *
 * <p>{@link dev.turnstile.localstage.gateway.Gateway} runs each {@link dev.turnstile.localstage.gateway.GatewayRequest}
 * through the phases of its {@link dev.turnstile.localstage.gateway.GatewayPipeline}, declared side by side in the
 * Gateway's constructor, over one {@link dev.turnstile.localstage.gateway.InvocationContext}:
 * <ol>
 *   <li>request steps ({@link dev.turnstile.localstage.gateway.GatewayStep}s in {@code gateway.steps}), in API
 *       Gateway's order: parse (413) → route (403 Missing Authentication Token) → Lambda authorizer (401 / 403 / 500)
 *       → usage plan (403 / 429 / 429) → Lambda proxy integration (502 / 504 / 500) → method response. A step stops
 *       them by throwing {@link dev.turnstile.localstage.gateway.GatewayException};</li>
 *   <li>the renderer for gateway errors: {@link dev.turnstile.localstage.gateway.GatewayResponseRenderer} turns that
 *       exception into the AWS response (customised by the stage's gateway responses);</li>
 *   <li>response steps, on every response: the response headers;</li>
 *   <li>finalizers, for this stage's requests once the response is complete: the execution log, the access log and the
 *       {@code AWS/ApiGateway} metrics.</li>
 * </ol>
 * Each step writes its own typed outcome into the context once ({@link dev.turnstile.localstage.gateway.RouteMatch},
 * {@link dev.turnstile.localstage.gateway.AuthorizerOutcome}, the API key and usage decision,
 * {@link dev.turnstile.localstage.gateway.IntegrationOutcome}); later steps, the renderer, the log writers and the
 * {@code $context} variables read them. The model the steps are built from was validated by the template readers;
 * the steps do not check it again. {@link dev.turnstile.localstage.gateway.http.ExecuteApiFace} is the HTTP face
 * that serves the gateway over Jetty.
 *
 * <p>Choices where AWS is unconfirmed or the local stage differs on purpose (the user-visible ones are listed in
 * docs/aws-behaviour.md §12):
 * <ul>
 *   <li>{@code $context.identity.apiKey} renders masked ({@code **********abcd}) in access logs and gateway-response
 *       templates: key values never reach a log. The proxy event carries the real value, as on AWS.</li>
 *   <li>{@code identityValidationExpression} must match the whole token; 401s from the authorizer are not cached;
 *       Allow and Deny results are, for {@code ReauthorizeEvery} seconds on the stage clock. Concurrent first requests
 *       with the same identity may each invoke the authorizer (no request coalescing).</li>
 *   <li>An authorizer context value that is null, an object or a list is malformed output (500).</li>
 *   <li>Lambda proxy failures use response type INTEGRATION_FAILURE with the observed status (502; 500 for Lambda
 *       throttling or a missing function) and INTEGRATION_TIMEOUT 504, so customising those types or DEFAULT_5XX applies.</li>
 *   <li>Integration, authorizer and response latencies are measured on the stage clock (exact in frozen-clock tests).</li>
 *   <li>Query strings decode {@code +} as a space; path parameters keep {@code +}.</li>
 *   <li>Execution logs follow API Gateway's INFO sequence without the endpoint request headers/body lines
 *       (the event carries the key value); bodies appear only with {@code DataTraceEnabled}.
 *       Missing-identity 401s and requests that match no method are not execution-logged.</li>
 *   <li>{@code x-amz-apigw-id} is 15 base64 characters and {@code =} (the shape of AWS's {@code N7Sb5GwpDoEEf9A=}).</li>
 *   <li>Paths (docs/aws-behaviour.md §2.1): an empty segment inside the path matches no literal or parameter, an
 *       encoded slash is no separator, dot segments are not resolved; greedy values are passed as sent.</li>
 *   <li>The caller's {@code X-Amzn-Trace-Id} is continued when its Root is valid, else replaced by a fresh trace;
 *       a missing Parent is generated and a missing Sampled is {@code 0} (docs/aws-behaviour.md §5.4).</li>
 *   <li>A customisation without a template keeps the type's uncustomised body and (INTEGRATION_FAILURE) status.</li>
 * </ul>
 */
package dev.turnstile.localstage.gateway;
