package dev.turnstile.localstage.template;

import dev.turnstile.localstage.model.TableConfig;
import dev.turnstile.localstage.model.TableConfig.KeyElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@link TableConfig}s from {@code AWS::DynamoDB::Table} and {@code AWS::Serverless::SimpleTable}. */
final class TableReader {

    /** CloudFormation's AWS::DynamoDB::Table properties that are read, or accepted because a request cannot tell. */
    private static final Set<String> TABLE_PROPERTIES = Set.of("TableName", "AttributeDefinitions", "KeySchema",
            "BillingMode", "ProvisionedThroughput", "OnDemandThroughput", "WarmThroughput", "TimeToLiveSpecification",
            "StreamSpecification", "KinesisStreamSpecification", "SSESpecification", "PointInTimeRecoverySpecification",
            "ContributorInsightsSpecification", "DeletionProtectionEnabled", "TableClass", "ResourcePolicy", "Tags");

    private TableReader() {
    }

    static Map<String, TableConfig> read(TemplateResources resources) {
        Map<String, TableConfig> tables = new LinkedHashMap<>();
        for (TemplateResources.Resource r : resources.ofType(TemplateResources.TABLE)) {
            tables.put(r.logicalId(), table(resources, r));
        }
        for (TemplateResources.Resource r : resources.ofType(TemplateResources.SIMPLE_TABLE)) {
            tables.put(r.logicalId(), simpleTable(resources, r));
        }
        return tables;
    }

    private static TableConfig table(TemplateResources resources, TemplateResources.Resource r) {
        Props p = resources.props(r);
        // indexes change which queries succeed and an import what is stored; the supervisor creates the key schema only
        p.refuse("GlobalSecondaryIndexes", "LocalSecondaryIndexes", "ImportSourceSpecification");
        p.allowOnly(TABLE_PROPERTIES);
        Map<String, String> attributeTypes = new LinkedHashMap<>();
        for (Object o : p.list("AttributeDefinitions")) {
            Map<?, ?> def = TemplateResources.map(o, p.where("AttributeDefinitions"));
            attributeTypes.put(String.valueOf(def.get("AttributeName")), String.valueOf(def.get("AttributeType")));
        }
        List<KeyElement> keys = new ArrayList<>();
        for (Object o : p.list("KeySchema")) {
            Map<?, ?> key = TemplateResources.map(o, p.where("KeySchema"));
            String name = String.valueOf(key.get("AttributeName"));
            String keyType = String.valueOf(key.get("KeyType"));
            String type = attributeTypes.get(name);
            if (type == null) {
                throw new TemplateException(p.where("KeySchema") + ": key " + name + " has no AttributeDefinitions entry");
            }
            if (!List.of("S", "N", "B").contains(type) || !List.of("HASH", "RANGE").contains(keyType)) {
                throw new TemplateException(p.where("KeySchema") + ": key " + name + " must be S/N/B and HASH/RANGE, got "
                        + type + "/" + keyType);
            }
            keys.add(new KeyElement(name, type, keyType));
        }
        if (keys.isEmpty() || !keys.get(0).keyType().equals("HASH")) {
            throw new TemplateException(p.where("KeySchema") + " must start with a HASH key");
        }
        String billing = p.string("BillingMode", "PROVISIONED");
        if (!List.of("PROVISIONED", "PAY_PER_REQUEST").contains(billing)) {
            throw new TemplateException(p.where("BillingMode") + " must be PROVISIONED or PAY_PER_REQUEST, got " + billing);
        }
        return new TableConfig(r.logicalId(), resources.tableName(r), List.copyOf(keys), billing);
    }

    private static TableConfig simpleTable(TemplateResources resources, TemplateResources.Resource r) {
        Props p = resources.props(r);
        // the SAM resource's whole property set (sam-resource-simpletable.html): key and name are emulated, the rest
        // (encryption, backups, tags, capacity units) does not change what a request gets
        p.allowOnly(Set.of("PrimaryKey", "TableName", "ProvisionedThroughput", "SSESpecification",
                "PointInTimeRecoverySpecification", "Tags"));
        Props primary = p.child("PrimaryKey");
        if (primary != null) {
            primary.allowOnly(Set.of("Name", "Type"));
        }
        String name = primary == null ? "id" : primary.string("Name");
        String type = primary == null ? "String" : primary.string("Type");
        String attributeType = switch (type) {
            case "String" -> "S";
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> throw new TemplateException(primary.where("Type") + " must be String, Number or Binary, got " + type);
        };
        String billing = p.has("ProvisionedThroughput") ? "PROVISIONED" : "PAY_PER_REQUEST";
        return new TableConfig(r.logicalId(), resources.tableName(r),
                List.of(new KeyElement(name, attributeType, "HASH")), billing);
    }
}
