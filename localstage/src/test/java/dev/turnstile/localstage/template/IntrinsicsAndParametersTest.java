package dev.turnstile.localstage.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IntrinsicsAndParametersTest {

    static final IntrinsicResolver.References RESOURCES = new IntrinsicResolver.References() {
        @Override
        public Object ref(String logicalId, String where) {
            return logicalId.equals("Table") ? "stack-items" : null;
        }

        @Override
        public Object getAtt(String logicalId, String attribute, String where) {
            return "arn:" + logicalId + ":" + attribute;
        }
    };

    static IntrinsicResolver resolver() {
        Map<String, Object> parameters = Map.of("Stage", "Prod", "Rate", "100", "Tenants", List.of("a", "b"));
        Map<String, String> pseudo = Map.of("AWS::Region", "eu-west-1", "AWS::AccountId", "123456789012",
                "AWS::StackName", "stack", "AWS::Partition", "aws", "AWS::URLSuffix", "amazonaws.com");
        Map<String, Object> mappings = CfnYamlReader.parse("M: {Prod: {Size: 512, Name: big}}");
        Map<String, Object> conditions = CfnYamlReader.parse("""
                IsProd: !Equals [!Ref Stage, Prod]
                IsDev: !Not [!Condition IsProd]
                Both: !And [!Condition IsProd, !Equals [!Ref Rate, 100]]
                Either: !Or [!Condition IsDev, !Equals [a, b]]
                """);
        return new IntrinsicResolver(parameters, pseudo, mappings, conditions, RESOURCES);
    }

    static Stream<Arguments> intrinsics() {
        return Stream.of(
                Arguments.of("!Ref Stage", "Prod"),
                Arguments.of("!Ref Table", "stack-items"),
                Arguments.of("!Ref AWS::Region", "eu-west-1"),
                Arguments.of("!Ref AWS::AccountId", "123456789012"),
                Arguments.of("!Ref AWS::StackName", "stack"),
                Arguments.of("!Ref AWS::Partition", "aws"),
                Arguments.of("!Ref AWS::URLSuffix", "amazonaws.com"),
                Arguments.of("!GetAtt Fn.Arn", "arn:Fn:Arn"),
                Arguments.of("!GetAtt [Fn, Arn]", "arn:Fn:Arn"),
                Arguments.of("{'Fn::GetAtt': Fn.Arn}", "arn:Fn:Arn"),
                Arguments.of("!Sub '${AWS::StackName}-${Stage}-${Fn.Arn}-${!Literal}'", "stack-Prod-arn:Fn:Arn-${Literal}"),
                Arguments.of("!Sub ['${X}/${Stage}', {X: !Ref Table}]", "stack-items/Prod"),
                Arguments.of("!Join [',', [a, !Ref Stage, 3]]", "a,Prod,3"),
                Arguments.of("!Join ['-', !Ref Tenants]", "a-b"),
                Arguments.of("!Select [1, !Split [',', 'x,y,z']]", "y"),
                Arguments.of("!Select [0, !Ref Tenants]", "a"),
                Arguments.of("!Split ['/', 'a/b']", List.of("a", "b")),
                Arguments.of("!If [IsProd, yes-prod, no]", "yes-prod"),
                Arguments.of("!If [IsDev, yes, !Ref Stage]", "Prod"),
                Arguments.of("!If [Both, both, none]", "both"),
                Arguments.of("!If [Either, either, neither]", "neither"),
                Arguments.of("!FindInMap [M, !Ref Stage, Size]", 512),
                Arguments.of("!FindInMap [M, Prod, Name]", "big"),
                Arguments.of("!Base64 abc", "YWJj"),
                Arguments.of("{a: 1, b: !Ref AWS::NoValue, c: [x, !Ref AWS::NoValue]}", Map.of("a", 1, "c", List.of("x"))),
                Arguments.of("{Version: 2012-10-17}", Map.of("Version", "2012-10-17")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("intrinsics")
    void resolves(String yaml, Object expected) {
        Object parsed = CfnYamlReader.parse("v: " + yaml).get("v");
        assertThat(resolver().resolve(parsed, "test")).isEqualTo(expected);
    }

    static Stream<Arguments> intrinsicErrors() {
        return Stream.of(
                Arguments.of("!Ref Nope", "test refers to Nope, which is neither a parameter nor a resource"),
                Arguments.of("!Select [5, [a]]", "test: Fn::Select index 5 is outside the list of 1"),
                Arguments.of("!If [Missing, a, b]", "test refers to condition Missing, which is not declared in Conditions"),
                Arguments.of("!FindInMap [M, Dev, Size]", "test: mapping M has no key Dev"),
                Arguments.of("!Sub '${Tenants}'", "test: expected a string, got [a, b]"),
                Arguments.of("!Join [',']", "test: Fn::Join takes a list of 2 arguments, got [,]"),
                Arguments.of("!ImportValue x", "test uses Fn::ImportValue, which is not supported by the local stage"),
                Arguments.of("!Ref AWS::NotificationARNs",
                        "test uses the pseudo parameter AWS::NotificationARNs, which is not supported by the local stage"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("intrinsicErrors")
    void refuses(String yaml, String message) {
        Object parsed = CfnYamlReader.parse("v: " + yaml).get("v");
        assertThatThrownBy(() -> resolver().resolve(parsed, "test")).isInstanceOf(TemplateException.class)
                .hasMessage(message);
    }

    static final Map<String, Object> DECLARED = CfnYamlReader.parse("""
            StageName: {Type: String, Default: Prod}
            Rate: {Type: Number, Default: 100, MinValue: 1, MaxValue: 10000}
            Period: {Type: String, Default: DAY, AllowedValues: [DAY, WEEK, MONTH]}
            Tenants: {Type: CommaDelimitedList, Default: 'a,b'}
            Name: {Type: String, Default: abc, AllowedPattern: '[a-z]+', MaxLength: 5}
            """);

    @Test
    void parameterDefaultsAndOverrides() {
        assertThat(TemplateParameters.resolve(DECLARED, Map.of("Rate", "2.5", "Period", "MONTH")))
                .isEqualTo(Map.of("StageName", "Prod", "Rate", "2.5", "Period", "MONTH", "Tenants", List.of("a", "b"),
                        "Name", "abc"));
    }

    static Stream<Arguments> parameterErrors() {
        return Stream.of(
                Arguments.of(Map.of("Nope", "1"), "parameter override Nope does not match any template parameter"
                        + " (declared: StageName, Rate, Period, Tenants, Name)"),
                Arguments.of(Map.of("Rate", "fast"), "parameter Rate must be a Number, got 'fast'"),
                Arguments.of(Map.of("Rate", "0"), "parameter Rate must be at least 1, got '0'"),
                Arguments.of(Map.of("Rate", "20000"), "parameter Rate must be at most 10000, got '20000'"),
                Arguments.of(Map.of("Period", "YEAR"), "parameter Period must be one of [DAY, WEEK, MONTH], got 'YEAR'"),
                Arguments.of(Map.of("Name", "ABC"), "parameter Name must match AllowedPattern [a-z]+, got 'ABC'"),
                Arguments.of(Map.of("Name", "abcdef"), "parameter Name must be at most 5 characters long, got 'abcdef'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("parameterErrors")
    void parameterErrors(Map<String, String> overrides, String message) {
        assertThatThrownBy(() -> TemplateParameters.resolve(DECLARED, overrides)).isInstanceOf(TemplateException.class)
                .hasMessage(message);
    }

    @Test
    void parameterWithoutDefaultNeedsOverride() {
        Map<String, Object> declared = CfnYamlReader.parse("Key: {Type: String}");
        assertThatThrownBy(() -> TemplateParameters.resolve(declared, Map.of())).isInstanceOf(TemplateException.class)
                .hasMessage("parameter Key has no Default and no override was given");
        assertThat(TemplateParameters.resolve(declared, Map.of("Key", "v"))).isEqualTo(Map.of("Key", "v"));
    }
}
