package dev.turnstile.localstage.cloudwatch;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import org.eclipse.jetty.http.HttpFields;

/**
 * Smithy RPC v2 CBOR: {@code POST /service/GraniteServiceVersion20100801/operation/<Operation>} with
 * {@code smithy-protocol: rpc-v2-cbor} — what the AWS SDK for Java v2 (2.57) sends. Responses carry the same header and
 * {@code Content-Type: application/cbor}; a timestamp is CBOR tag 1 over a double of epoch seconds, lists and maps have
 * indefinite length, as CloudWatch writes them (observed). Reading, a timestamp's tag is dropped and its value — epoch
 * seconds — is what the operations read.
 */
final class RpcV2CborProtocol extends GeneratorProtocol {

    /** The path prefix of every operation (the service shape's name, {@code GraniteServiceVersion20100801}). */
    static final String PATH_PREFIX = "/service/GraniteServiceVersion20100801/operation/";

    private static final CBORMapper CBOR = new CBORMapper();
    private static final GeneratorEncoder ENCODER = new GeneratorEncoder((g, t) -> {
        ((CBORGenerator) g).writeTag(1);
        g.writeNumber(t.toEpochMilli() / 1000.0);
    });

    RpcV2CborProtocol(String operation, byte[] body) {
        super(operation, body, CBOR, ENCODER, "CBOR");
    }

    @Override
    String contentType() {
        return "application/cbor";
    }

    @Override
    void headers(HttpFields.Mutable headers, MetricsException error) {
        super.headers(headers, error);
        headers.put("smithy-protocol", "rpc-v2-cbor");
    }
}
