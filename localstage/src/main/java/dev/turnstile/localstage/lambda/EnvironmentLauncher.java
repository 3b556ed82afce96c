package dev.turnstile.localstage.lambda;

import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.server.BackendPriority;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the JVM of one execution environment: the runtime interface client with the function's code on the
 * class path and exactly the environment a deployed function sees (plus PATH, JAVA_HOME and HOME; nothing
 * else of the local stage's environment leaks in).
 */
final class EnvironmentLauncher {

    private final RuntimeDistribution runtime;
    private final LambdaOptions options;
    private final String region;
    private final String runtimeApiHostPort;

    EnvironmentLauncher(RuntimeDistribution runtime, LambdaOptions options, String region, String runtimeApiHostPort) {
        this.runtime = runtime;
        this.options = options;
        this.region = region;
        this.runtimeApiHostPort = runtimeApiHostPort;
    }

    /** Starts the environment's JVM; its stdout and stderr are appended to {@code output}. */
    Process launch(FunctionConfig function, String environmentId, String logStreamName, Path output) throws IOException {
        if (!Files.exists(function.codeUri())) {
            throw new IOException("function " + function.functionName() + ": code " + function.codeUri() + " does not exist");
        }
        ProcessBuilder builder = new ProcessBuilder(BackendPriority.lowered(command(function)));
        builder.redirectErrorStream(true);
        Files.createDirectories(output.getParent());
        Files.write(output, new byte[0]);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.directory(taskRoot(function).toFile());
        Map<String, String> env = builder.environment();
        Map<String, String> parent = Map.copyOf(env);
        env.clear();
        for (String keep : List.of("PATH", "JAVA_HOME", "HOME")) {
            if (parent.containsKey(keep)) {
                env.put(keep, parent.get(keep));
            }
        }
        env.putAll(variables(function, environmentId, logStreamName));
        return builder.start();
    }

    List<String> command(FunctionConfig function) {
        List<String> cmd = new ArrayList<>();
        cmd.add(options.javaExecutable().toString());
        cmd.add("-Xmx" + function.memorySizeMb() + "m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xshare:auto");
        // Lambda's C1-only flags, or the JVM's full tiered compilation (docs/aws-behaviour.md §11)
        cmd.addAll(options.tieredCompilation().flags());
        cmd.add("-D" + RuntimeDistribution.JNI_PROPERTY + "=" + runtime.nativeLibrary());
        cmd.add("-cp");
        List<String> cp = new ArrayList<>();
        runtime.jars().forEach(j -> cp.add(j.toString()));
        Path code = function.codeUri().toAbsolutePath();
        cp.add(code.toString());
        if (Files.isDirectory(code.resolve("lib"))) {
            // a folder laid out as Lambda unpacks a Java .zip (what `sam build` writes): classes at the root, jars in lib/
            cp.add(code.resolve("lib") + File.separator + "*");
        }
        cmd.add(String.join(File.pathSeparator, cp));
        cmd.add(RuntimeDistribution.MAIN_CLASS);
        cmd.add(function.handler());
        return cmd;
    }

    /** The variables Lambda sets, over the function's own (reserved names win, as on Lambda). */
    Map<String, String> variables(FunctionConfig function, String environmentId, String logStreamName) {
        Map<String, String> env = new java.util.LinkedHashMap<>(function.environment());
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()));
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(function.timeoutSeconds()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroupName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("_HANDLER", function.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot(function).toString());
        env.put("LAMBDA_RUNTIME_DIR", runtime.nativeLibrary().getParent().toString());
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        // dummy credentials: local endpoints accept any well-formed SigV4 signature
        env.put("AWS_ACCESS_KEY_ID", "ASIALOCALSTAGEDUMMY0");
        env.put("AWS_SECRET_ACCESS_KEY", "localstage/dummy/secret/access/key/0000000");
        env.put("AWS_SESSION_TOKEN", "localstage-dummy-session-token");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        if (options.dynamoDbEndpoint() != null) {
            env.put("AWS_ENDPOINT_URL_DYNAMODB", options.dynamoDbEndpoint().toString());
        }
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApiHostPort + "/env/" + environmentId);
        return env;
    }

    private static Path taskRoot(FunctionConfig function) {
        Path code = function.codeUri().toAbsolutePath();
        return Files.isDirectory(code) ? code : code.getParent();
    }
}
