package dev.turnstile.localstage.template;

import dev.turnstile.localstage.model.FunctionConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@link FunctionConfig}s from {@code AWS::Serverless::Function} resources (Globals already merged). */
final class FunctionReader {

    private FunctionReader() {
    }

    static Map<String, FunctionConfig> read(TemplateResources resources, Path templateDir) {
        Map<String, FunctionConfig> functions = new LinkedHashMap<>();
        for (TemplateResources.Resource r : resources.ofType(TemplateResources.FUNCTION)) {
            Props p = resources.props(r);
            // each of these changes what code runs or how it is packaged; none is emulated
            p.refuse("Layers", "ImageUri", "ImageConfig", "InlineCode", "FileSystemConfigs", "FunctionUrlConfig");
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
