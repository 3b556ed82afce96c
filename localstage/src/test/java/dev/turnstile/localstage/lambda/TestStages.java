package dev.turnstile.localstage.lambda;

import dev.turnstile.localstage.lambda.testfunctions.EchoHandler;
import dev.turnstile.localstage.model.FunctionConfig;
import dev.turnstile.localstage.model.StageModel;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stage models holding only test functions, whose code is this module's compiled test classes. */
final class TestStages {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";

    private TestStages() {
    }

    /** The folder holding the compiled test functions (used as the function's code). */
    static Path testClasses() {
        try {
            return Path.of(EchoHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static FunctionConfig function(String name, Class<?> handler, int timeoutSeconds, Integer reserved,
                                   Map<String, String> environment) {
        return new FunctionConfig(name + "Function", name, handler.getName() + "::handleRequest", "java21",
                testClasses(), 256, timeoutSeconds, reserved, environment);
    }

    static StageModel stage(FunctionConfig... functions) {
        Map<String, FunctionConfig> byId = new LinkedHashMap<>();
        for (FunctionConfig f : functions) {
            byId.put(f.logicalId(), f);
        }
        return new StageModel("abcdef1234", "Prod", REGION, ACCOUNT, StageModel.ApiKeySource.HEADER, List.of(),
                Map.of(), List.of(), List.of(), null, List.of(), Map.of(), byId, Map.of(), Map.of(), Map.of());
    }
}
