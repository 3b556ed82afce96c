package dev.turnstile.localstage.it.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Integration-test function in the shape of {@code sam init}'s java17 Hello World {@code App}: a POJO handler
 * answering {@code 200} with {@code Content-Type} and {@code X-Custom-Header}. Instead of the sample's location
 * lookup it reports what it was given — its table (from the template's {@code !Ref}), the X-Ray trace the runtime
 * set ({@code com.amazonaws.xray.traceHeader}, from {@code Lambda-Runtime-Trace-Id}) and the event's
 * {@code X-Amzn-Trace-Id} header — so the test can check them. Its message is written by {@link HelloMessage},
 * which the test packs into {@code lib/} as {@code sam build} does with dependencies.
 */
public class HelloWorldHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String name = event.get("pathParameters") instanceof Map<?, ?> p && p.get("name") != null
                ? String.valueOf(p.get("name")) : "world";
        String eventTrace = null;
        if (event.get("headers") instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> h : headers.entrySet()) {
                if ("x-amzn-trace-id".equalsIgnoreCase(String.valueOf(h.getKey()))) {
                    eventTrace = String.valueOf(h.getValue());
                }
            }
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Custom-Header", "application/json");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", 200);
        response.put("headers", headers);
        response.put("body", HelloMessage.json("hello " + name, System.getenv("TABLE_NAME"),
                System.getProperty("com.amazonaws.xray.traceHeader"), eventTrace));
        return response;
    }
}
