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

/** Each data-plane feature the local stage does not emulate stops the load with a message naming it. */
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
                                + " with AWS::Serverless::Api and function Api events)"));
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
}
