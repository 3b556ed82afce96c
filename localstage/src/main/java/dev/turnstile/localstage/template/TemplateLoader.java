package dev.turnstile.localstage.template;

import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.model.StageModel;
import dev.turnstile.localstage.model.TableConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Loads {@code sam/template.yaml} into a {@link StageModel}: parameters applied, conditions and mappings
 * evaluated, SAM expanded, intrinsics resolved and ids assigned (stable per data directory through
 * {@code state/ids.json}). Data-plane features the local stage does not emulate stop the load with an
 * {@link UnsupportedTemplateException} naming the resource and property; bad input with a {@link TemplateException}.
 */
public final class TemplateLoader {

    /** Stack name used when none is given. */
    public static final String DEFAULT_STACK_NAME = "turnstile";
    /** The account id of every local ARN. */
    public static final String ACCOUNT_ID = "123456789012";

    private TemplateLoader() {
    }

    /** Loads with the default stack name {@value #DEFAULT_STACK_NAME}. */
    public static StageModel load(Path template, Map<String, String> parameterOverrides, Path dataDir, String region) {
        return load(template, parameterOverrides, dataDir, region, DEFAULT_STACK_NAME);
    }

    /** Loads the template as the stack {@code stackName} in {@code region}. */
    public static StageModel load(Path template, Map<String, String> parameterOverrides, Path dataDir, String region,
                                  String stackName) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(parameterOverrides, "parameterOverrides");
        Objects.requireNonNull(dataDir, "dataDir");
        if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new TemplateException("region must look like us-east-1, got '" + region + "'");
        }
        if (stackName == null || !stackName.matches("[A-Za-z][A-Za-z0-9-]{0,127}")) {
            throw new TemplateException("stack name must start with a letter and hold only letters, digits and '-', got '"
                    + stackName + "'");
        }
        Map<String, Object> root = CfnYamlReader.read(template);
        checkTransform(root);
        Map<String, Object> parameters = TemplateParameters.resolve(section(root, "Parameters"), parameterOverrides);
        Map<String, String> pseudo = Map.of(
                "AWS::Region", region,
                "AWS::AccountId", ACCOUNT_ID,
                "AWS::StackName", stackName,
                "AWS::StackId", stackId(region, stackName),
                "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com");
        IdStore ids = IdStore.open(dataDir);
        TemplateResources resources = new TemplateResources(ids, stackName, region, ACCOUNT_ID);
        IntrinsicResolver resolver = new IntrinsicResolver(parameters, pseudo, section(root, "Mappings"),
                section(root, "Conditions"), resources);
        IntrinsicResolver.checkFunctions(root.get("Conditions"), "Conditions");
        IntrinsicResolver.checkFunctions(root.get("Outputs"), "Outputs");
        resources.load(root, resolver);

        Path templateDir = template.toAbsolutePath().getParent();
        Map<String, FunctionConfig> functions = FunctionReader.read(resources, templateDir);
        Map<String, TableConfig> tables = TableReader.read(resources);
        ApiExpander.Api api = new ApiExpander(resources).expand();
        UsagePlanReader.Plans plans = new UsagePlanReader(resources, api).read();
        Map<String, String> outputs = outputs(root, resolver);
        ids.save();
        return new StageModel(api.restApiId(), api.stageName(), region, ACCOUNT_ID, api.apiKeySource(), api.routes(),
                api.authorizers(), plans.usagePlans(), plans.apiKeys(), api.accessLog(), api.methodSettings(),
                api.gatewayResponses(), Map.copyOf(functions), Map.copyOf(tables), api.stageVariables(), outputs);
    }

    /** The stack id of the local stack: {@code AWS::StackId} and what {@code DescribeStacks} reports. */
    public static String stackId(String region, String stackName) {
        return "arn:aws:cloudformation:" + region + ":" + ACCOUNT_ID + ":stack/" + stackName + "/local";
    }

    /**
     * The template's {@code Description} and each output's {@code Description}, as {@code DescribeStacks} reports
     * them (CloudFormation allows only literal strings there, so no resolving is needed). Key {@code ""} holds the
     * template's own description; absent descriptions are absent.
     */
    public static Map<String, String> descriptions(Path template) {
        Map<String, Object> root = CfnYamlReader.read(template);
        Map<String, String> out = new LinkedHashMap<>();
        if (root.get("Description") instanceof String d) {
            out.put("", d);
        }
        for (Map.Entry<String, Object> e : section(root, "Outputs").entrySet()) {
            if (e.getValue() instanceof Map<?, ?> output && output.get("Description") instanceof String d) {
                out.put(e.getKey(), d);
            }
        }
        return out;
    }

    private static void checkTransform(Map<String, Object> root) {
        Object transform = root.get("Transform");
        boolean sam = transform == null || "AWS::Serverless-2016-10-31".equals(transform)
                || (transform instanceof java.util.List<?> l && l.size() == 1
                        && "AWS::Serverless-2016-10-31".equals(l.get(0)));
        if (!sam) {
            throw new UnsupportedTemplateException("Transform " + transform
                    + " is not supported by the local stage (only AWS::Serverless-2016-10-31)");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> root, String name) {
        Object value = root.get(name);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new TemplateException(name + " must be a mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) value).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** Output keys the local stack honours: Value (resolved), Description (reported), Condition (evaluated). */
    private static final java.util.Set<String> OUTPUT_KEYS = java.util.Set.of("Value", "Description", "Condition");

    /**
     * Refuses what the local stack cannot honour: {@code Export} (a cross-stack export needs other stacks,
     * {@code ListExports} and {@code Fn::ImportValue}, none of which the local stage has) and unknown keys; a
     * non-literal {@code Description} is refused as CloudFormation refuses it.
     */
    private static void checkOutput(Map<?, ?> output, String where) {
        for (Object key : output.keySet()) {
            String name = String.valueOf(key);
            if ("Export".equals(name)) {
                throw new UnsupportedTemplateException(where + ".Export is not supported by the local stage (a "
                        + "cross-stack export needs other stacks; DescribeStacks reports no ExportName here)");
            }
            if (!OUTPUT_KEYS.contains(name)) {
                throw new UnsupportedTemplateException(where + "." + name + " is not supported by the local stage"
                        + " (an output holds Value, Description and Condition)");
            }
        }
        if (output.containsKey("Description") && !(output.get("Description") instanceof String)) {
            throw new TemplateException(where + ".Description must be a literal string");
        }
    }

    private static Map<String, String> outputs(Map<String, Object> root, IntrinsicResolver resolver) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : section(root, "Outputs").entrySet()) {
            String where = "Outputs." + e.getKey();
            Map<?, ?> output = TemplateResources.map(e.getValue(), where);
            checkOutput(output, where);
            if (output.get("Condition") instanceof String c && !resolver.condition(c, where + ".Condition")) {
                continue;
            }
            if (!output.containsKey("Value")) {
                throw new TemplateException(where + " has no Value");
            }
            Object value = resolver.resolve(output.get("Value"), where + ".Value");
            if (value instanceof java.util.List<?> list) {
                throw new TemplateException(where + ".Value must be a string, got the list " + list);
            }
            out.put(e.getKey(), IntrinsicResolver.scalarText(value, where + ".Value"));
        }
        return java.util.Collections.unmodifiableMap(out); // template order, for DescribeStacks
    }
}
