import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * CPU and wall time per PutItem of one single-threaded DynamoDB client, as in one execution environment of the
 * writer: the same item shape and condition, one request at a time, after a warm-up. Compares the SDK's HTTP
 * clients and JIT levels independently of the machine's load (CPU time is what several environments on two cores
 * compete for). Loopback endpoints only; bounded by the counts given.
 *
 * <pre>java -XX:TieredStopAtLevel=1 -cp CLASSPATH bench/writer-client/PutItemCpu.java url|apache|apache5|crt
 *      http://127.0.0.1:PORT TABLE [warm=5000] [measured=5000]</pre>
 */
public final class PutItemCpu {

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        URI endpoint = URI.create(args[1]);
        if (!"127.0.0.1".equals(endpoint.getHost())) {
            throw new IllegalArgumentException("loopback endpoints only");
        }
        String table = args[2];
        int warm = args.length > 3 ? Integer.parseInt(args[3]) : 5000;
        int measured = args.length > 4 ? Integer.parseInt(args[4]) : 5000;
        if (warm > 100_000 || measured > 100_000) {
            throw new IllegalArgumentException("at most 100,000 requests per phase");
        }
        SdkHttpClient http = switch (kind) {
            case "url" -> software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create();
            case "apache" -> software.amazon.awssdk.http.apache.ApacheHttpClient.create();
            case "apache5" -> software.amazon.awssdk.http.apache5.Apache5HttpClient.create();
            case "crt" -> software.amazon.awssdk.http.crt.AwsCrtHttpClient.create();
            default -> throw new IllegalArgumentException("client: url, apache, apache5 or crt");
        };
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long t0 = System.nanoTime();
        long c0 = os.getProcessCpuTime();
        DynamoDbClient client = DynamoDbClient.builder().httpClient(http).endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "secret")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .build();
        put(client, table);
        System.out.printf("%s first call: %.0f ms wall, %.0f ms CPU%n", kind, (System.nanoTime() - t0) / 1e6,
                (os.getProcessCpuTime() - c0) / 1e6);
        for (int i = 0; i < warm; i++) {
            put(client, table);
        }
        long w0 = System.nanoTime();
        long cpu0 = os.getProcessCpuTime();
        for (int i = 0; i < measured; i++) {
            put(client, table);
        }
        double wall = (System.nanoTime() - w0) / 1e6 / measured;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e6 / measured;
        System.out.printf("%s (%s): %.3f ms wall, %.3f ms CPU per PutItem over %d after %d warm%n", kind,
                ManagementFactory.getRuntimeMXBean().getInputArguments(), wall, cpu, measured, warm);
        client.close();
    }

    private static void put(DynamoDbClient client, String table) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("ID", AttributeValue.fromS(UUID.randomUUID().toString()));
        item.put("created", AttributeValue.fromS("2026-12-01T00:00:00.000Z"));
        item.put("payload", AttributeValue.fromM(Map.of("source", AttributeValue.fromS("bench"),
                "kind", AttributeValue.fromS("putitem"), "n", AttributeValue.fromN("1"))));
        item.put("principalId", AttributeValue.fromS("user-allow"));
        item.put("apiKeyId", AttributeValue.fromS("benchkeyid"));
        item.put("runId", AttributeValue.fromS("bench"));
        client.putItem(PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(ID)").build());
    }
}
