package dev.turnstile.localstage.template;

import dev.turnstile.localstage.model.FunctionConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Builds {@link FunctionConfig}s from {@code AWS::Serverless::Function} resources (Globals already merged). */
final class FunctionReader {

    /** Read and emulated. */
    static final Set<String> HONOURED = Set.of("Handler", "Runtime", "CodeUri", "PackageType", "FunctionName",
            "MemorySize", "Timeout", "ReservedConcurrentExecutions", "Environment", "Events", "LoggingConfig");
    /** Accepted and ignored: permissions, deployment, networking and tuning that do not change what a request gets. */
    static final Set<String> IGNORED = Set.of("Description", "Role", "Policies", "RolePath", "PermissionsBoundary",
            "AssumeRolePolicyDocument", "Architectures", "Tracing", "Tags", "PropagateTags", "AutoPublishAlias",
            "AutoPublishAliasAllProperties", "AutoPublishCodeSha256", "VersionDescription", "DeploymentPreference",
            "ProvisionedConcurrencyConfig", "SnapStart", "RuntimeManagementConfig", "EphemeralStorage", "VpcConfig",
            "KmsKeyArn", "SourceKMSKeyArn", "CodeSigningConfigArn", "RecursiveLoop", "DeadLetterQueue",
            "EventInvokeConfig");
    private static final Set<String> PROPERTIES = union(HONOURED, IGNORED);

    private FunctionReader() {
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** Function logs are written as text to {@code /aws/lambda/<name>}; JSON logs or another group are not emulated. */
    private static void checkLogging(Props p) {
        Props logging = p.child("LoggingConfig");
        if (logging == null) {
            return;
        }
        logging.allowOnly(Set.of("LogFormat"));
        String format = logging.string("LogFormat", "Text");
        if (!format.equals("Text")) {
            throw new UnsupportedTemplateException(logging.where("LogFormat") + " " + format
                    + " is not supported by the local stage (function logs are plain text)");
        }
    }

    static Map<String, FunctionConfig> read(TemplateResources resources, Path templateDir) {
        Map<String, FunctionConfig> functions = new LinkedHashMap<>();
        for (TemplateResources.Resource r : resources.ofType(TemplateResources.FUNCTION)) {
            Props p = resources.props(r);
            // anything else (Layers, ImageUri, InlineCode, FileSystemConfigs, FunctionUrlConfig …) changes what code
            // runs, how it is packaged or how it is reached, and is not emulated
            p.allowOnly(PROPERTIES);
            checkLogging(p);
            String packageType = p.string("PackageType", "Zip");
            if (!packageType.equals("Zip")) {
                throw UnsupportedTemplateException.property(r.logicalId(), "PackageType " + packageType);
            }
            String runtime = p.string("Runtime");
            if (!runtime.startsWith("java")) {
                throw new UnsupportedTemplateException(r.logicalId() + ": property Runtime " + runtime
                        + " is not supported by the local stage (Java runtimes only)");
            }
            Object codeUri = p.get("CodeUri");
            if (!(codeUri instanceof String uri)) {
                throw codeUri == null ? new TemplateException(p.where("CodeUri") + " is required")
                        : UnsupportedTemplateException.property(r.logicalId(), "CodeUri (S3 location)");
            }
            if (uri.startsWith("s3://")) {
                throw UnsupportedTemplateException.property(r.logicalId(), "CodeUri (S3 location)");
            }
            Props env = p.child("Environment");
            if (env != null) {
                env.allowOnly(Set.of("Variables"));
            }
            Map<String, String> variables = env == null ? Map.of() : env.stringMap("Variables");
            int memory = p.integer("MemorySize", 128);
            int timeout = p.integer("Timeout", 3);
            if (memory < 128 || memory > 10240) {
                throw new TemplateException(p.where("MemorySize") + " must be 128 to 10240 MB, got " + memory);
            }
            if (timeout < 1 || timeout > 900) {
                throw new TemplateException(p.where("Timeout") + " must be 1 to 900 seconds, got " + timeout);
            }
            functions.put(r.logicalId(), new FunctionConfig(
                    r.logicalId(),
                    resources.functionName(r),
                    p.string("Handler"),
                    runtime,
                    templateDir.resolve(uri).toAbsolutePath().normalize(),
                    memory,
                    timeout,
                    p.integerOrNull("ReservedConcurrentExecutions"),
                    Map.copyOf(variables)));
        }
        return functions;
    }
}
