package dev.turnstile.functions.support;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON event fixtures in {@code sam/events/} (shared with {@code sam local invoke}). */
public final class Fixtures {
    /** Surefire and failsafe run in the module directory. */
    public static final Path EVENTS = Path.of("..", "sam", "events");

    private Fixtures() {
    }

    /** The raw text of a fixture. */
    public static String text(String name) {
        try {
            return Files.readString(EVENTS.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read event fixture " + name, e);
        }
    }

    /** A fixture read into an event type the way the Lambda Java runtime reads it. */
    public static <T> T event(String name, Class<T> type) {
        return serializer(type).fromJson(text(name));
    }

    /** A handler result written the way the Lambda Java runtime writes it. */
    @SuppressWarnings("unchecked")
    public static <T> String json(T result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer((Class<T>) result.getClass()).toJson(result, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    // the runtime uses its event serializers for aws-lambda-java-events types it knows, plain Jackson otherwise
    private static <T> PojoSerializer<T> serializer(Class<T> type) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, Fixtures.class.getClassLoader());
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
