package dev.turnstile.localstage.model;

import java.util.List;

/**
 * A DynamoDB table of the template ({@code AWS::DynamoDB::Table} or {@code AWS::Serverless::SimpleTable}).
 *
 * @param logicalId   template logical id
 * @param tableName   table name (the template's {@code TableName} or a generated one)
 * @param keySchema   key elements in order (hash first)
 * @param billingMode PAY_PER_REQUEST or PROVISIONED
 */
public record TableConfig(String logicalId, String tableName, List<KeyElement> keySchema, String billingMode) {

    /**
     * One key attribute.
     *
     * @param attributeName name
     * @param attributeType S, N or B
     * @param keyType       HASH or RANGE
     */
    public record KeyElement(String attributeName, String attributeType, String keyType) { }
}
