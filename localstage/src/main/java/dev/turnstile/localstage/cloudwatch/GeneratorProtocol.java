package dev.turnstile.localstage.cloudwatch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The two protocols whose bodies are a document of the operation's members — AWS JSON 1.0 and Smithy RPC v2 CBOR:
 * the same tree in, the same structure out, errors as {@code {"__type": "<namespace>#<shape>", "message": …}}; only
 * the encoding (the Jackson mapper) and the timestamp form differ.
 */
abstract class GeneratorProtocol extends WireProtocol {

    private final String operation;
    private final byte[] body;
    private final ObjectMapper mapper;
    private final GeneratorEncoder encoder;
    private final String encoding;

    GeneratorProtocol(String operation, byte[] body, ObjectMapper mapper, GeneratorEncoder encoder, String encoding) {
        this.operation = operation;
        this.body = body;
        this.mapper = mapper;
        this.encoder = encoder;
        this.encoding = encoding;
    }

    @Override
    final String operation() {
        return operation;
    }

    @Override
    final ObjectNode input() {
        if (body.length == 0) {
            return mapper.createObjectNode();
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (IOException e) {
            throw MetricsException.malformed("The request body is not " + encoding + ": " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw MetricsException.malformed("The request body must be a " + encoding + " object.");
        }
        return (ObjectNode) tree;
    }

    @Override
    final byte[] output(Struct output, String requestId) {
        return encode(output);
    }

    @Override
    final byte[] error(MetricsException error, String requestId) {
        return encode(new Struct().put("__type", MetricsException.SHAPE_NAMESPACE + error.code().shape())
                .put(error.code().messageMember(), error.getMessage()));
    }

    private byte[] encode(Struct value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            encoder.write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a CloudWatch " + encoding + " response", e);
        }
        return out.toByteArray();
    }
}
