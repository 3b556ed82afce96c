package dev.turnstile.localstage.template;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each data-plane feature the local stage does not emulate stops the load with a message naming it, and so does a
 * model the data plane could not serve: the template readers are the one place the model is validated.
 */
class TemplateRefusalTest {

    static final String BASE = """
            Transform: AWS::Serverless-2016-10-31
            #TOP
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: java17
                  CodeUri: app.jar
                  Handler: a.B::handle
                  #FUNCTION
                  Events:
                    Get:
                      Type: Api
                      Properties:
                        RestApiId: !Ref Api
                        Path: /things
                        Method: get
                        #EVENT
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: dev
                  #API
              #RESOURCE
            """;

    /** A table's required part, for cases that add a table. */
    private static final String KEY = "AttributeDefinitions: [{AttributeName: id, AttributeType: S}],"
            + " KeySchema: [{AttributeName: id, KeyType: HASH}]";

    /** {@code BASE} with {@code from} replaced: a marker ({@code #API} …) by {@code to} at its indentation, or text. */
    static String edit(String from, String to) {
        String indent = switch (from) {
            case "#TOP" -> "";
            case "#EVENT" -> "            ";
            case "#API", "#FUNCTION" -> "      ";
            case "#RESOURCE" -> "  ";
            default -> "";
        };
        String text = BASE.replace(indent + from, indent + to);
        if (text.equals(BASE)) {
            throw new IllegalArgumentException("the edit " + from + " -> " + to + " changes nothing");
        }
        return text;
    }

    @TempDir
    Path dir;

    /**
     * Every refusal of a valid template the local stage does not emulate: the edit of {@link #BASE} and the exact
     * message. {@code ReadmeTemplateTableTest} checks that this list and the README's refusal table agree.
     */
    static Stream<Arguments> refusals() {
        return Stream.of(
                // the template
                Arguments.of("Transform: AWS::Serverless-2016-10-31", "Transform: AWS::LanguageExtensions",
                        "Transform AWS::LanguageExtensions is not supported by the local stage (only"
                                + " AWS::Serverless-2016-10-31)"),
                Arguments.of("#TOP", "Globals: {HttpApi: {}}", "Globals: section HttpApi is not supported by the local stage"),
                Arguments.of("#TOP", "Parameters: {P: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /x}}",
                        "Parameters.P: type AWS::SSM::Parameter::Value<String> is not supported by the local stage (pass a"
                                + " plain String parameter instead)"),
                Arguments.of("#API", "Variables: {x: !ImportValue other-stack-x}",
                        "Api: property Variables.x uses Fn::ImportValue, which is not supported by the local stage"),
                Arguments.of("#API", "Variables: {x: !Frobnicate y}",
                        "Api: property Variables.x uses the unknown intrinsic function Fn::Frobnicate, which is"
                                + " not supported by the local stage"),
                Arguments.of("#API", "Variables: {x: !Ref AWS::NotificationARNs}",
                        "Api: property Variables.x uses the pseudo parameter AWS::NotificationARNs, which is not"
                                + " supported by the local stage"),
                Arguments.of("#API", "Variables: {x: !GetAtt Fn.Version}",
                        "Api: property Variables.x: Fn::GetAtt Fn.Version (AWS::Serverless::Function) is not supported"
                                + " by the local stage"),
                // resource types
                Arguments.of("#RESOURCE", "Raw: {Type: AWS::ApiGateway::Method, Properties: {}}",
                        "Raw: resource type AWS::ApiGateway::Method is not supported by the local stage (declare the API"
                                + " with AWS::Serverless::Api and function Api events)"),
                Arguments.of("#RESOURCE", "Raw: {Type: AWS::ApiGateway::Resource, Properties: {}}",
                        "Raw: resource type AWS::ApiGateway::Resource is not supported by the local stage (declare the API"
                                + " with AWS::Serverless::Api and function Api events)"),
                Arguments.of("#RESOURCE", "Raw: {Type: AWS::ApiGateway::RestApi, Properties: {}}",
                        "Raw: resource type AWS::ApiGateway::RestApi is not supported by the local stage (declare the API"
                                + " with AWS::Serverless::Api and function Api events)"),
                Arguments.of("#RESOURCE", "Http: {Type: AWS::Serverless::HttpApi, Properties: {}}",
                        "Http: resource type AWS::Serverless::HttpApi is not supported by the local stage (declare the API"
                                + " with AWS::Serverless::Api and function Api events)"),
                Arguments.of("#RESOURCE", "Raw: {Type: AWS::Lambda::Function, Properties: {}}",
                        "Raw: resource type AWS::Lambda::Function is not supported by the local stage"),
                Arguments.of("#RESOURCE", "Raw: {Type: Custom::Seed, Properties: {ServiceToken: x}}",
                        "Raw: resource type Custom::Seed is not supported by the local stage"),
                Arguments.of("#RESOURCE", "Api2: {Type: AWS::Serverless::Api, Properties: {StageName: x}}",
                        "the local stage serves one AWS::Serverless::Api, the template declares [Api, Api2]"),
                Arguments.of("#RESOURCE", "Fn2: {Type: AWS::Serverless::Function, Properties: {Runtime: java17, CodeUri: app.jar,"
                                + " Handler: a.B::handle, Events: {E: {Type: Api, Properties: {Path: /x, Method: get}}}}}",
                        "the local stage serves one AWS::Serverless::Api, the template declares [Api, ServerlessRestApi"
                                + " (the implicit API of Api events without RestApiId)]"),
                // AWS::Serverless::Api
                Arguments.of("#API", "Cors: \"'*'\"", "Api: property Cors is not supported by the local stage"),
                Arguments.of("#API", "BinaryMediaTypes: [image~1png]",
                        "Api: property BinaryMediaTypes is not supported by the local stage"),
                Arguments.of("#API", "DefinitionBody: {}", "Api: property DefinitionBody is not supported by the local stage"),
                Arguments.of("#API", "DefinitionUri: api.yaml", "Api: property DefinitionUri is not supported by the local stage"),
                Arguments.of("#API", "MergeDefinitions: true", "Api: property MergeDefinitions is not supported by the local stage"),
                Arguments.of("#API", "Domain: {DomainName: x.example.com}",
                        "Api: property Domain is not supported by the local stage"),
                Arguments.of("#API", "CacheClusterEnabled: true",
                        "Api: property CacheClusterEnabled is not supported by the local stage"),
                Arguments.of("#API", "CacheClusterSize: '0.5'",
                        "Api: property CacheClusterSize is not supported by the local stage"),
                Arguments.of("#API", "Models: {}", "Api: property Models is not supported by the local stage"),
                Arguments.of("#API", "CanarySetting: {PercentTraffic: 10}",
                        "Api: property CanarySetting is not supported by the local stage"),
                Arguments.of("#API", "MinimumCompressionSize: 1024",
                        "Api: property MinimumCompressionSize is not supported by the local stage"),
                Arguments.of("#API", "Frobnicate: 1", "Api: property Frobnicate is not supported by the local stage"),
                Arguments.of("#API", "DisableExecuteApiEndpoint: true",
                        "Api: property DisableExecuteApiEndpoint is not supported by the local stage"),
                Arguments.of("#API", "EndpointConfiguration: {Type: PRIVATE}",
                        "Api: property EndpointConfiguration PRIVATE is not supported by the local stage"),
                Arguments.of("#API", "ApiKeySourceType: OTHER",
                        "Api: property ApiKeySourceType OTHER is not supported by the local stage"),
                Arguments.of("#API", "Auth: {ResourcePolicy: {}}",
                        "Api: property Auth.ResourcePolicy is not supported by the local stage"),
                Arguments.of("#API", "Auth: {InvokeRole: CALLER_CREDENTIALS}",
                        "Api: property Auth.InvokeRole is not supported by the local stage"),
                Arguments.of("#API", "Auth: {Authorizers: {Pool: {UserPoolArn: arn:aws:cognito-idp:us-east-1:1:userpool/x}}}",
                        "Api: property Auth.Authorizers.Pool.UserPoolArn (Cognito authorizer) is not supported by the local stage"),
                Arguments.of("#API", "Auth: {DefaultAuthorizer: AWS_IAM}",
                        "Api: property Auth.DefaultAuthorizer AWS_IAM (IAM authorization) is not supported by the local stage"),
                Arguments.of("#API", "Auth: {Authorizers: {T: {FunctionArn: !GetAtt Fn.Arn, AuthorizationScopes: [x]}}}",
                        "Api: property Auth.Authorizers.T.AuthorizationScopes is not supported by the local stage"),
                Arguments.of("#API", "Auth: {Authorizers: {T: {FunctionArn: !GetAtt Fn.Arn, Identity: {Headers: [X]}}}}",
                        "Api: property Auth.Authorizers.T.Identity.Headers is not supported by the local stage"),
                Arguments.of("#API", "Auth: {Authorizers: {Req: {FunctionArn: !GetAtt Fn.Arn, FunctionPayloadType: REQUEST,"
                                + " Identity: {Context: [requestTimeEpoch]}}}}",
                        "Api: property Auth.Authorizers.Req.Identity.Context requestTimeEpoch is not supported by the local"
                                + " stage; use one of context.requestId, context.httpMethod, context.resourcePath,"
                                + " context.resourceId, context.stage, context.apiId, context.identity.sourceIp,"
                                + " context.identity.userAgent, context.path"),
                Arguments.of("#API", "Auth: {Authorizers: {T: {FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:x'}}}",
                        "Api: property Auth.Authorizers.T.FunctionArn is arn:aws:lambda:us-east-1:123456789012:function:x,"
                                + " which is not a function of this template; the local stage only runs the template's"
                                + " functions"),
                Arguments.of("#API", "Auth: {UsagePlan: {CreateUsagePlan: PER_API, Frobnicate: 1}}",
                        "Api: property Auth.UsagePlan.Frobnicate is not supported by the local stage"),
                Arguments.of("#API", "AccessLogSetting: {DestinationArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/x',"
                                + " Format: $context.requestId}",
                        "Api: property AccessLogSetting.DestinationArn is arn:aws:firehose:us-east-1:123456789012:"
                                + "deliverystream/x; the local stage only writes access logs to CloudWatch Logs groups"),
                Arguments.of("#API", "MethodSettings: [{ResourcePath: /*, HttpMethod: '*', CachingEnabled: true}]",
                        "Api: property MethodSettings[0].CachingEnabled is not supported by the local stage"),
                Arguments.of("#API", "MethodSettings: [{ResourcePath: /*, HttpMethod: '*', CacheTtlInSeconds: 60}]",
                        "Api: property MethodSettings[0].CacheTtlInSeconds is not supported by the local stage"),
                Arguments.of("#API", "GatewayResponses: {UNAUTHORIZED: {ResponseParameters: {Paths: {p: \"'x'\"}}}}",
                        "Api: property GatewayResponses.UNAUTHORIZED.ResponseParameters.Paths is not supported by the"
                                + " local stage"),
                Arguments.of("#API", "GatewayResponses: {UNAUTHORIZED: {ResponseParameters: {QueryStrings: {q: \"'x'\"}}}}",
                        "Api: property GatewayResponses.UNAUTHORIZED.ResponseParameters.QueryStrings is not supported by"
                                + " the local stage"),
                // AWS::ApiGateway::GatewayResponse
                Arguments.of("#RESOURCE", "Resp: {Type: AWS::ApiGateway::GatewayResponse, Properties: {RestApiId: !Ref Api,"
                                + " ResponseType: THROTTLED, ResponseParameters: {gatewayresponse.querystring.q: \"'x'\"}}}",
                        "Resp: property ResponseParameters.gatewayresponse.querystring.q is not supported by the local"
                                + " stage (gateway responses map headers only)"),
                Arguments.of("#RESOURCE", "Resp: {Type: AWS::ApiGateway::GatewayResponse, Properties: {RestApiId: !Ref Api,"
                                + " ResponseType: THROTTLED, ResponseParameters: {gatewayresponse.path.p: \"'x'\"}}}",
                        "Resp: property ResponseParameters.gatewayresponse.path.p is not supported by the local"
                                + " stage (gateway responses map headers only)"),
                Arguments.of("#RESOURCE", "Resp: {Type: AWS::ApiGateway::GatewayResponse, Properties: {RestApiId: other12345,"
                                + " ResponseType: THROTTLED}}",
                        "Resp: property RestApiId is not the template's AWS::Serverless::Api Api"),
                // Api events
                Arguments.of("Type: Api", "Type: Schedule",
                        "Fn: property Events.Get.Type Schedule is not supported by the local stage (only Api events)"),
                Arguments.of("RestApiId: !Ref Api", "RestApiId: !Ref Elsewhere",
                        "Fn: property Events.Get.Properties.RestApiId refers to Elsewhere, which is not an"
                                + " AWS::Serverless::Api of this template"),
                Arguments.of("RestApiId: !Ref Api", "RestApiId: abcdefghij",
                        "Fn: property Events.Get.Properties.RestApiId is abcdefghij, which is not an"
                                + " AWS::Serverless::Api of this template"),
                Arguments.of("#EVENT", "RequestParameters: [method.request.header.x]",
                        "Fn: property Events.Get.Properties.RequestParameters is not supported by the local stage"),
                Arguments.of("#EVENT", "RequestModel: {Model: M}",
                        "Fn: property Events.Get.Properties.RequestModel is not supported by the local stage"),
                Arguments.of("#EVENT", "ResponseTransferMode: STREAM",
                        "Fn: property Events.Get.Properties.ResponseTransferMode is not supported by the local stage"),
                Arguments.of("#EVENT", "Auth: {Authorizer: AWS_IAM}",
                        "Fn: property Events.Get.Properties.Auth.Authorizer AWS_IAM (IAM authorization) is not supported"
                                + " by the local stage"),
                Arguments.of("#EVENT", "Auth: {AuthorizationScopes: [read]}",
                        "Fn: property Events.Get.Properties.Auth.AuthorizationScopes is not supported by the local stage"),
                Arguments.of("#EVENT", "Auth: {InvokeRole: CALLER_CREDENTIALS}",
                        "Fn: property Events.Get.Properties.Auth.InvokeRole is not supported by the local stage"),
                Arguments.of("#EVENT", "Auth: {ResourcePolicy: {IpRangeWhitelist: [10.0.0.0/8]}}",
                        "Fn: property Events.Get.Properties.Auth.ResourcePolicy is not supported by the local stage"),
                // AWS::Serverless::Function
                Arguments.of("Runtime: java17", "Runtime: python3.12",
                        "Fn: property Runtime python3.12 is not supported by the local stage (Java runtimes only)"),
                Arguments.of("#FUNCTION", "PackageType: Image", "Fn: property PackageType Image is not supported by the local stage"),
                Arguments.of("CodeUri: app.jar", "CodeUri: s3://bucket/app.jar",
                        "Fn: property CodeUri (S3 location) is not supported by the local stage"),
                Arguments.of("CodeUri: app.jar", "CodeUri: {Bucket: bucket, Key: app.jar}",
                        "Fn: property CodeUri (S3 location) is not supported by the local stage"),
                Arguments.of("#FUNCTION", "Layers: [arn:aws:lambda:us-east-1:123456789012:layer:x:1]",
                        "Fn: property Layers is not supported by the local stage"),
                Arguments.of("#FUNCTION", "ImageUri: repo/image:1", "Fn: property ImageUri is not supported by the local stage"),
                Arguments.of("#FUNCTION", "ImageConfig: {Command: [x]}", "Fn: property ImageConfig is not supported by the local stage"),
                Arguments.of("#FUNCTION", "InlineCode: x", "Fn: property InlineCode is not supported by the local stage"),
                Arguments.of("#FUNCTION", "FileSystemConfigs: []", "Fn: property FileSystemConfigs is not supported by the local stage"),
                Arguments.of("#FUNCTION", "FunctionUrlConfig: {AuthType: NONE}",
                        "Fn: property FunctionUrlConfig is not supported by the local stage"),
                Arguments.of("#FUNCTION", "LoggingConfig: {LogFormat: JSON}",
                        "Fn: property LoggingConfig.LogFormat JSON is not supported by the local stage (function logs are"
                                + " plain text)"),
                Arguments.of("#FUNCTION", "LoggingConfig: {LogFormat: Text, LogGroup: /custom/fn}",
                        "Fn: property LoggingConfig.LogGroup is not supported by the local stage"),
                Arguments.of("#FUNCTION", "Environment: {Variables: {A: b}, Other: 1}",
                        "Fn: property Environment.Other is not supported by the local stage"),
                // tables
                Arguments.of("#RESOURCE", "T: {Type: AWS::DynamoDB::Table, Properties: {" + KEY + ", GlobalSecondaryIndexes: []}}",
                        "T: property GlobalSecondaryIndexes is not supported by the local stage"),
                Arguments.of("#RESOURCE", "T: {Type: AWS::DynamoDB::Table, Properties: {" + KEY + ", LocalSecondaryIndexes: []}}",
                        "T: property LocalSecondaryIndexes is not supported by the local stage"),
                Arguments.of("#RESOURCE", "T: {Type: AWS::DynamoDB::Table, Properties: {" + KEY
                                + ", ImportSourceSpecification: {}}}",
                        "T: property ImportSourceSpecification is not supported by the local stage"),
                Arguments.of("#RESOURCE", "S: {Type: AWS::Serverless::SimpleTable, Properties: {StreamSpecification: {}}}",
                        "S: property StreamSpecification is not supported by the local stage"),
                Arguments.of("#RESOURCE", "S: {Type: AWS::Serverless::SimpleTable, Properties: {PrimaryKey: {Name: id,"
                                + " Type: String, Extra: 1}}}",
                        "S: property PrimaryKey.Extra is not supported by the local stage"),
                // usage plans and keys
                Arguments.of("#RESOURCE", "Plan: {Type: AWS::ApiGateway::UsagePlan, Properties: {ApiStages: [{ApiId: other12345,"
                                + " Stage: dev}]}}",
                        "Plan: property ApiStages[0].ApiId names API stage other12345/dev, which is not the template's"
                                + " Api/dev"),
                Arguments.of("#RESOURCE", "Key: {Type: AWS::ApiGateway::ApiKey, Properties: {Frobnicate: 1}}",
                        "Key: property Frobnicate is not supported by the local stage"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("refusals")
    void refused(String from, String to, String message) throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, edit(from, to));
        assertThatThrownBy(() -> TemplateLoader.load(template, Map.of(), dir, "us-east-1"))
                .isInstanceOf(UnsupportedTemplateException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("Path: /things", "Path: /{p+}/x",
                        "Fn: property Events.Get.Properties.Path: the greedy path variable {p+} must be the last segment,"
                                + " got '/{p+}/x'"),
                Arguments.of("#EVENT", "TimeoutInMillis: 10",
                        "Fn: property Events.Get.Properties.TimeoutInMillis must be 50 to 29000, got 10"),
                Arguments.of("#RESOURCE", "Fn2: {Type: AWS::Serverless::Function, Properties: {Runtime: java17, CodeUri: app.jar,"
                                + " Handler: a.B::handle, Events: {Dup: {Type: Api, Properties: {RestApiId: !Ref Api,"
                                + " Path: /things, Method: GET}}}}}",
                        "Fn2: property Events.Dup.Properties.Path: GET /things is declared by more than one event"),
                Arguments.of("#API", "AccessLogSetting: {DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:access',"
                                + " Format: $context.status}",
                        "Api: property AccessLogSetting.Format must be a single line that includes $context.requestId"),
                Arguments.of("#API", "GatewayResponses: {NOPE: {StatusCode: 400}}",
                        "Api: property GatewayResponses.NOPE: NOPE is not a gateway response type; use one of ACCESS_DENIED,"
                                + " API_CONFIGURATION_ERROR, AUTHORIZER_CONFIGURATION_ERROR, AUTHORIZER_FAILURE,"
                                + " BAD_REQUEST_BODY, BAD_REQUEST_PARAMETERS, DEFAULT_4XX, DEFAULT_5XX, EXPIRED_TOKEN,"
                                + " INTEGRATION_FAILURE, INTEGRATION_TIMEOUT, INVALID_API_KEY, INVALID_SIGNATURE,"
                                + " MISSING_AUTHENTICATION_TOKEN, QUOTA_EXCEEDED, REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND,"
                                + " THROTTLED, UNAUTHORIZED, UNSUPPORTED_MEDIA_TYPE, WAF_FILTERED"),
                Arguments.of("#API", "GatewayResponses: {UNAUTHORIZED: {StatusCode: 600}}",
                        "Api: property GatewayResponses.UNAUTHORIZED: gateway response UNAUTHORIZED StatusCode must be"
                                + " 100-599, got 600"),
                Arguments.of("#API", "GatewayResponses: {UNAUTHORIZED: {ResponseParameters: {Headers: {X-Id: context.requestId}}}}",
                        "Api: property GatewayResponses.UNAUTHORIZED.ResponseParameters.Headers.X-Id: 'context.requestId'"
                                + " must be a quoted static value or method.request.{header|querystring|path}.<name>"),
                Arguments.of("#RESOURCE", "Resp: {Type: AWS::ApiGateway::GatewayResponse, Properties: {RestApiId: !Ref Api,"
                                + " ResponseType: THROTTLED, ResponseParameters: {Retry-After: \"'1'\"}}}",
                        "Resp: property ResponseParameters.Retry-After must be"
                                + " gatewayresponse.{header|path|querystring}.<name>"),
                Arguments.of("#API", "Auth: {Authorizers: {Req: {FunctionArn: !GetAtt Fn.Arn, FunctionPayloadType: REQUEST}}}",
                        "Api: property Auth.Authorizers.Req.Identity: a REQUEST authorizer needs at least one identity"
                                + " source unless ReauthorizeEvery is 0"),
                Arguments.of("#RESOURCE", "Plan: {Type: AWS::ApiGateway::UsagePlan, Properties: {ApiStages: [{ApiId: !Ref Api,"
                                + " Stage: dev, Throttle: {/nope/GET: {RateLimit: 1, BurstLimit: 1}}}]}}",
                        "Plan: property ApiStages[0].Throttle./nope/GET: method /nope/GET is not a method of the API"
                                + " (known: [/things/GET])"),
                Arguments.of("#RESOURCE", "K1: {Type: AWS::ApiGateway::ApiKey, Properties: {Value: abcdefghij0123456789}}\n"
                                + "  K2: {Type: AWS::ApiGateway::ApiKey, Properties: {Value: abcdefghij0123456789}}",
                        "K2: property Value duplicates the value of API key K1"),
                Arguments.of("#RESOURCE", "P1: {Type: AWS::ApiGateway::UsagePlan, Properties: {ApiStages: [{ApiId: !Ref Api, Stage: dev}]}}\n"
                                + "  P2: {Type: AWS::ApiGateway::UsagePlan, Properties: {ApiStages: [{ApiId: !Ref Api, Stage: dev}]}}\n"
                                + "  K: {Type: AWS::ApiGateway::ApiKey, Properties: {}}\n"
                                + "  K1: {Type: AWS::ApiGateway::UsagePlanKey, Properties: {KeyId: !Ref K, KeyType: API_KEY, UsagePlanId: !Ref P1}}\n"
                                + "  K2: {Type: AWS::ApiGateway::UsagePlanKey, Properties: {KeyId: !Ref K, KeyType: API_KEY, UsagePlanId: !Ref P2}}",
                        "API key K is in usage plans P1 and P2, but a key may be in only one plan per API stage"));
    }

    /** Models the data plane could not serve: refused as TemplateException (not "unsupported": they are wrong on AWS too). */
    @ParameterizedTest(name = "{2}")
    @MethodSource("invalid")
    void invalid(String from, String to, String message) throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, edit(from, to));
        assertThatThrownBy(() -> TemplateLoader.load(template, Map.of(), dir, "us-east-1"))
                .isExactlyInstanceOf(TemplateException.class)
                .hasMessage(message);
    }
}
