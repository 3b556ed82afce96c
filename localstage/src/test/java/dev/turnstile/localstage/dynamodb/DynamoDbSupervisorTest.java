package dev.turnstile.localstage.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnstile.localstage.model.TableConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Runs the real dynalite from {@code localstage/dynalite} (needs {@code npm ci} there and Node.js 20+). */
class DynamoDbSupervisorTest {

    static final Path DYNALITE_HOME = Path.of("dynalite");
    static final TableConfig ITEMS = new TableConfig("ItemsTable", "turnstile-items",
            List.of(new TableConfig.KeyElement("ID", "S", "HASH")), "PAY_PER_REQUEST");

    @TempDir
    Path dataDir;

    private DynamoDbSettings dynalite() {
        return new DynamoDbSettings(null, DYNALITE_HOME, dataDir, "us-east-1", null, Duration.ofSeconds(30));
    }

    @Test
    void dynaliteCreatesTableRoundTripsAndKeepsItemsAcrossRestart() {
        Map<String, AttributeValue> item = Map.of("ID", AttributeValue.fromS("req-1"), "body", AttributeValue.fromS("{}"));
        try (DynamoDbSupervisor ddb = DynamoDbSupervisor.start(dynalite(), List.of(ITEMS))) {
            assertThat(ddb.supervisesDynalite()).isTrue();
            assertThat(ddb.endpoint().getHost()).isEqualTo("127.0.0.1");
            try (DynamoDbClient client = DynamoDbClients.create(ddb.endpoint(), "us-east-1", Duration.ofSeconds(5))) {
                TableDescription table = client.describeTable(r -> r.tableName("turnstile-items")).table();
                assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
                assertThat(table.keySchema().get(0).attributeName()).isEqualTo("ID");
                assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
                client.putItem(r -> r.tableName("turnstile-items").item(item));
                assertThat(client.getItem(r -> r.tableName("turnstile-items")
                        .key(Map.of("ID", AttributeValue.fromS("req-1")))).item()).isEqualTo(item);
            }
        }
        assertThat(dataDir.resolve("dynamodb.log")).content().contains("Dynalite listening");
        try (DynamoDbSupervisor again = DynamoDbSupervisor.start(dynalite(), List.of(ITEMS));
             DynamoDbClient client = DynamoDbClients.create(again.endpoint(), "us-east-1", Duration.ofSeconds(5))) {
            assertThat(client.getItem(r -> r.tableName("turnstile-items")
                    .key(Map.of("ID", AttributeValue.fromS("req-1")))).item()).isEqualTo(item);

            // external-endpoint mode: no process, only the missing table is created on the given endpoint
            TableConfig other = new TableConfig("Other", "other-table",
                    List.of(new TableConfig.KeyElement("pk", "S", "HASH"), new TableConfig.KeyElement("sk", "N", "RANGE")),
                    "PROVISIONED");
            DynamoDbSettings external = new DynamoDbSettings(again.endpoint(), null, dataDir, "us-east-1", null,
                    Duration.ofSeconds(30));
            try (DynamoDbSupervisor ext = DynamoDbSupervisor.start(external, List.of(ITEMS, other))) {
                assertThat(ext.supervisesDynalite()).isFalse();
                assertThat(ext.endpoint()).isEqualTo(again.endpoint());
            }
            assertThat(client.listTables().tableNames()).containsExactly("other-table", "turnstile-items");
            assertThat(client.describeTable(r -> r.tableName("other-table")).table().keySchema())
                    .extracting(k -> k.attributeName() + ":" + k.keyTypeAsString()).containsExactly("pk:HASH", "sk:RANGE");
            assertThat(client.getItem(r -> r.tableName("turnstile-items")
                    .key(Map.of("ID", AttributeValue.fromS("req-1")))).item()).isEqualTo(item);
        }
    }

    /** Probes every 100 ms, 500 ms each, 3 failures in a row: a stopped dynalite is replaced within about 2 s. */
    private DynamoDbSettings watched() {
        return new DynamoDbSettings(null, DYNALITE_HOME, dataDir, "us-east-1", null, Duration.ofSeconds(30),
                new DynamoDbSettings.Watch(Duration.ofMillis(100), Duration.ofMillis(500), 3));
    }

    private static Map<String, AttributeValue> item(DynamoDbClient client, String id) {
        return client.getItem(r -> r.tableName("turnstile-items").consistentRead(true)
                .key(Map.of("ID", AttributeValue.fromS(id)))).item();
    }

    private static DynamoDbHealth awaitServingAgain(DynamoDbSupervisor ddb, long oldPid) {
        return org.awaitility.Awaitility.await("dynalite serving again after pid " + oldPid)
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(ddb::health, h -> h.ready() && h.pid() != oldPid);
    }

    @Test
    void aKilledDynaliteIsNoticedAndStartedAgainOnTheSameDataAndPort() throws Exception {
        Map<String, AttributeValue> item = Map.of("ID", AttributeValue.fromS("before-kill"));
        try (DynamoDbSupervisor ddb = DynamoDbSupervisor.start(watched(), List.of(ITEMS));
             DynamoDbClient client = DynamoDbClients.create(ddb.endpoint(), "us-east-1", Duration.ofSeconds(5))) {
            client.putItem(r -> r.tableName("turnstile-items").item(item));
            long pid = ddb.dynalitePid();
            java.net.URI endpoint = ddb.endpoint();

            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL

            DynamoDbHealth health = awaitServingAgain(ddb, pid);
            assertThat(health.restarts()).isEqualTo(1);
            assertThat(health.lastFailure()).isEqualTo("dynalite pid " + pid + " exited with status 137");
            assertThat(ddb.endpoint()).isEqualTo(endpoint);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(item(client, "before-kill")).isEqualTo(item);
            client.putItem(r -> r.tableName("turnstile-items").item(Map.of("ID", AttributeValue.fromS("after-kill"))));
            assertThat(item(client, "after-kill")).isNotEmpty();
            assertThat(Files.readString(dataDir.resolve("dynamodb.pid"))).startsWith(health.pid() + " ");
        }
    }

    @Test
    void aStoppedDynaliteIsReportedNotReadyThenKilledAndStartedAgain() throws Exception {
        try (DynamoDbSupervisor ddb = DynamoDbSupervisor.start(watched(), List.of(ITEMS));
             DynamoDbClient client = DynamoDbClients.create(ddb.endpoint(), "us-east-1", Duration.ofSeconds(5))) {
            client.putItem(r -> r.tableName("turnstile-items").item(Map.of("ID", AttributeValue.fromS("before-stop"))));
            long pid = ddb.dynalitePid();
            assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor()).isZero();

            org.awaitility.Awaitility.await("not ready while stopped").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20)).until(() -> !ddb.health().ready());
            DynamoDbHealth health = awaitServingAgain(ddb, pid);

            assertThat(health.lastFailure()).startsWith("dynalite pid " + pid + " did not answer 3 health probes in a row"
                    + " (stopped or hung): ");
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the stopped one is killed")
                    .isFalse();
            assertThat(item(client, "before-stop")).isNotEmpty();
        }
    }

    @Test
    void closeStopsDynalite() {
        DynamoDbSupervisor ddb = DynamoDbSupervisor.start(dynalite(), List.of());
        int port = ddb.endpoint().getPort();
        ddb.close();
        assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port).close()).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void missingDynaliteNamesThePathAndNpmCi(@TempDir Path emptyHome) {
        DynamoDbSettings settings = new DynamoDbSettings(null, emptyHome, dataDir, "us-east-1", null, Duration.ofSeconds(5));
        assertThatThrownBy(() -> DynamoDbSupervisor.start(settings, List.of()))
                .isInstanceOf(DynamoDbUnavailableException.class)
                .hasMessage("dynalite is not installed: " + emptyHome.resolve("node_modules/dynalite/cli.js").toAbsolutePath()
                        + " is missing; run 'npm ci' in " + emptyHome.toAbsolutePath() + " (or pass --dynamodb-endpoint URL)");
    }

    @Test
    void oldOrMissingNodeGivesOneClearMessage(@TempDir Path bin) throws Exception {
        Path fakeNode = bin.resolve("node");
        Files.writeString(fakeNode, "#!/bin/sh\necho v18.19.0\n");
        fakeNode.toFile().setExecutable(true);
        DynamoDbSettings settings = new DynamoDbSettings(null, DYNALITE_HOME, dataDir, "us-east-1", fakeNode,
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> DynamoDbSupervisor.start(settings, List.of()))
                .isInstanceOf(DynamoDbUnavailableException.class)
                .hasMessage("the local stage runs dynalite on Node.js 20+, but " + fakeNode + " is Node.js 18: install"
                        + " Node.js 20+ or pass --dynamodb-endpoint URL to use another DynamoDB");
    }
}
