package dev.turnstile.localstage.dynamodb;

import dev.turnstile.localstage.model.TableConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Creates the model's tables when absent (key schema, billing mode) and waits until each is ACTIVE. */
final class TableProvisioner {

    /** Throughput for PROVISIONED tables: the model does not carry capacities, and local endpoints ignore them. */
    static final long PROVISIONED_CAPACITY = 5;

    private TableProvisioner() {
    }

    /** Names of the tables created now (existing ones are left as they are). */
    static List<String> ensure(DynamoDbClient client, Collection<TableConfig> tables, Duration timeout) {
        List<String> created = new java.util.ArrayList<>();
        for (TableConfig table : tables) {
            if (!exists(client, table.tableName())) {
                create(client, table);
                created.add(table.tableName());
            }
        }
        for (TableConfig table : tables) {
            awaitActive(client, table.tableName(), timeout);
        }
        return created;
    }

    private static boolean exists(DynamoDbClient client, String name) {
        try {
            client.describeTable(r -> r.tableName(name));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static void create(DynamoDbClient client, TableConfig table) {
        Map<String, String> attributes = new LinkedHashMap<>();
        table.keySchema().forEach(k -> attributes.put(k.attributeName(), k.attributeType()));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.tableName())
                .keySchema(table.keySchema().stream().map(k -> KeySchemaElement.builder()
                        .attributeName(k.attributeName()).keyType(k.keyType()).build()).toList())
                .attributeDefinitions(attributes.entrySet().stream().map(e -> AttributeDefinition.builder()
                        .attributeName(e.getKey()).attributeType(e.getValue()).build()).toList());
        if ("PROVISIONED".equals(table.billingMode())) {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(ProvisionedThroughput.builder()
                    .readCapacityUnits(PROVISIONED_CAPACITY).writeCapacityUnits(PROVISIONED_CAPACITY).build());
        } else {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        }
        try {
            client.createTable(request.build());
        } catch (ResourceInUseException e) {
            // created concurrently by another starter on the same endpoint: fine, we wait for ACTIVE below
        } catch (DynamoDbException e) {
            throw new DynamoDbUnavailableException("cannot create table " + table.tableName() + " ("
                    + table.logicalId() + "): " + e.getMessage(), e);
        }
    }

    private static void awaitActive(DynamoDbClient client, String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TableStatus status = client.describeTable(r -> r.tableName(name)).table().tableStatus();
            if (status == TableStatus.ACTIVE) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new DynamoDbUnavailableException("table " + name + " is still " + status + " after " + timeout);
            }
            pause(Duration.ofMillis(100));
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynamoDbUnavailableException("interrupted while waiting for DynamoDB", e);
        }
    }
}
