package dev.turnstile.localstage.template;

import static org.assertj.core.api.Assertions.assertThat;
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
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: java17
                  CodeUri: app.jar
                  Handler: a.B::handle
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

    @TempDir
    Path dir;

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("#API", "Cors: \"'*'\"", "Api: property Cors is not supported by the local stage"),
                Arguments.of("#API", "BinaryMediaTypes: [image~1png]",
                        "Api: property BinaryMediaTypes is not supported by the local stage"),
                Arguments.of("#API", "DefinitionBody: {}", "Api: property DefinitionBody is not supported by the local stage"),
                Arguments.of("#API", "DefinitionUri: api.yaml", "Api: property DefinitionUri is not supported by the local stage"),
                Arguments.of("#API", "Auth: {ResourcePolicy: {}}",
                        "Api: property Auth.ResourcePolicy is not supported by the local stage"),
                Arguments.of("#API", "Auth: {InvokeRole: CALLER_CREDENTIALS}",
                        "Api: property Auth.InvokeRole is not supported by the local stage"),
                Arguments.of("#API", "Domain: {DomainName: x.example.com}",
                        "Api: property Domain is not supported by the local stage"),
                Arguments.of("#API", "CacheClusterEnabled: true",
                        "Api: property CacheClusterEnabled is not supported by the local stage"),
                Arguments.of("#API", "Models: {}", "Api: property Models is not supported by the local stage"),
                Arguments.of("#API", "ApiKeySourceType: OTHER",
                        "Api: property ApiKeySourceType OTHER is not supported by the local stage"),
                Arguments.of("#API", "Auth: {Authorizers: {Pool: {UserPoolArn: arn:aws:cognito-idp:us-east-1:1:userpool/x}}}",
                        "Api: property Auth.Authorizers.Pool.UserPoolArn (Cognito authorizer) is not supported by the local stage"),
                Arguments.of("#API", "Auth: {DefaultAuthorizer: AWS_IAM}",
                        "Api: property Auth.DefaultAuthorizer AWS_IAM (IAM authorization) is not supported by the local stage"),
                Arguments.of("#API", "MethodSettings: [{ResourcePath: /*, HttpMethod: '*', CachingEnabled: true}]",
                        "Api: property MethodSettings[0].CachingEnabled is not supported by the local stage"),
                Arguments.of("#API", "MethodSettings: [{ResourcePath: /*, HttpMethod: '*', CacheTtlInSeconds: 60}]",
                        "Api: property MethodSettings[0].CacheTtlInSeconds is not supported by the local stage"),
                Arguments.of("#EVENT", "RequestParameters: [method.request.header.x]",
                        "Fn: property Events.Get.Properties.RequestParameters is not supported by the local stage"),
                Arguments.of("#EVENT", "RequestModel: {Model: M}",
                        "Fn: property Events.Get.Properties.RequestModel is not supported by the local stage"),
                Arguments.of("#API", "Variables: {x: !ImportValue other-stack-x}",
                        "Api: property Variables.x uses Fn::ImportValue, which is not supported by the local stage"),
                Arguments.of("#API", "Variables: {x: !Frobnicate y}",
                        "Api: property Variables.x uses the unknown intrinsic function Fn::Frobnicate, which is"
                                + " not supported by the local stage"),
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
                Arguments.of("#API", "Auth: {Authorizers: {Req: {FunctionArn: !GetAtt Fn.Arn, FunctionPayloadType: REQUEST,"
                                + " Identity: {Context: [requestTimeEpoch]}}}}",
                        "Api: property Auth.Authorizers.Req.Identity.Context requestTimeEpoch is not supported by the local"
                                + " stage; use one of context.requestId, context.httpMethod, context.resourcePath,"
                                + " context.resourceId, context.stage, context.apiId, context.identity.sourceIp,"
                                + " context.identity.userAgent, context.path"),
                Arguments.of("#API", "GatewayResponses: {UNAUTHORIZED: {ResponseParameters: {Paths: {p: \"'x'\"}}}}",
                        "Api: property GatewayResponses.UNAUTHORIZED.ResponseParameters.Paths is not supported by the"
                                + " local stage"),
                Arguments.of("#RESOURCE", "Resp: {Type: AWS::ApiGateway::GatewayResponse, Properties: {RestApiId: !Ref Api,"
                                + " ResponseType: THROTTLED, ResponseParameters: {gatewayresponse.querystring.q: \"'x'\"}}}",
                        "Resp: property ResponseParameters.gatewayresponse.querystring.q is not supported by the local"
                                + " stage (gateway responses map headers only)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("refusals")
    void refused(String marker, String yaml, String message) throws Exception {
        String indent = switch (marker) {
            case "#EVENT" -> "            ";
            case "#API" -> "      ";
            default -> "  ";
        };
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, BASE.replace(indent + marker, indent + yaml));
        assertThatThrownBy(() -> TemplateLoader.load(template, Map.of(), dir, "us-east-1"))
                .isInstanceOf(UnsupportedTemplateException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> otherApis() {
        return Stream.of(
                Arguments.of("RestApiId: !Ref Api", "RestApiId: !Ref Elsewhere",
                        "Fn: property Events.Get.Properties.RestApiId refers to Elsewhere, which is not an"
                                + " AWS::Serverless::Api of this template"),
                Arguments.of("RestApiId: !Ref Api", "RestApiId: abcdefghij",
                        "Fn: property Events.Get.Properties.RestApiId is abcdefghij, which is not an"
                                + " AWS::Serverless::Api of this template"),
                Arguments.of("Type: Api", "Type: Schedule",
                        "Fn: property Events.Get.Type Schedule is not supported by the local stage (only Api events)"),
                Arguments.of("Runtime: java17", "Runtime: python3.12",
                        "Fn: property Runtime python3.12 is not supported by the local stage (Java runtimes only)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("otherApis")
    void refusedEdits(String from, String to, String message) throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, BASE.replace(from, to));
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
        String indent = switch (from) {
            case "#EVENT" -> "            ";
            case "#API" -> "      ";
            case "#RESOURCE" -> "  ";
            default -> "";
        };
        Path template = dir.resolve("template.yaml");
        String text = BASE.replace(indent + from, indent + to);
        assertThat(text).isNotEqualTo(BASE);
        Files.writeString(template, text);
        assertThatThrownBy(() -> TemplateLoader.load(template, Map.of(), dir, "us-east-1"))
                .isExactlyInstanceOf(TemplateException.class)
                .hasMessage(message);
    }
}
