package dev.turnstile.stage.discovery;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;
import software.amazon.awssdk.services.apigateway.model.UsagePlanKey;

/**
 * Everything discovery read from AWS for one stack, before it becomes a profile (kept apart so the mapping can be
 * tested without AWS).
 *
 * @param region        the region the stack lives in
 * @param outputs       CloudFormation outputs by name
 * @param stage         GetStage of the API's stage
 * @param resources     GetResources (methods embedded)
 * @param authorizers   GetAuthorizers
 * @param usagePlans    GetUsagePlans
 * @param usagePlanKeys GetUsagePlanKeys by plan id
 * @param apiKeys       GetApiKeys with values
 */
public record DiscoveredStack(String region, Map<String, String> outputs, GetStageResponse stage,
                              List<Resource> resources, List<Authorizer> authorizers, List<UsagePlan> usagePlans,
                              Map<String, List<UsagePlanKey>> usagePlanKeys, List<ApiKey> apiKeys) { }
