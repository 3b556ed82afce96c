package dev.turnstile.localstage.gateway;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Generates the ids API Gateway puts on every response: {@code x-amzn-RequestId} (a UUID, or the client's
 * own UUID), {@code x-amz-apigw-id} (base64 of 11 random bytes, e.g. {@code N7Sb5GwpDoEEf9A=}) and the
 * X-Ray trace and segment ids of {@link TraceHeader}. Uses {@link ThreadLocalRandom}: these ids need to be unique, not unguessable.
 */
public final class RequestIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private RequestIds() {
    }

    /** The client's {@code x-amzn-RequestId} when it is a UUID, else a fresh random (version 4) UUID. */
    public static String requestId(String clientSupplied) {
        if (clientSupplied != null && isUuid(clientSupplied)) {
            return clientSupplied;
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        char[] out = new char[36];
        int p = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out[p++] = '-';
            }
            long word = i < 8 ? hi : lo;
            int b = (int) (word >>> (56 - 8 * (i & 7))) & 0xFF;
            out[p++] = HEX[b >>> 4];
            out[p++] = HEX[b & 0xF];
        }
        return new String(out);
    }

    /** 8-4-4-4-12 hex digits (any case). Checked by hand: no regex on the hot path. */
    public static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** 15 random base64 characters and {@code =}: the shape of a real {@code x-amz-apigw-id}. */
    public static String extendedRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[16];
        for (int i = 0; i < 15; i++) {
            out[i] = BASE64[r.nextInt(64)];
        }
        // 11 bytes encode to 15 characters whose last one carries only 4 significant bits
        out[14] = BASE64[r.nextInt(16) << 2];
        out[15] = '=';
        return new String(out);
    }

    /** An X-Ray trace id, {@code 1-<8 hex epoch seconds>-<24 hex>}. */
    public static String traceId(long epochMillis) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(35).append("1-");
        appendHex(sb, epochMillis / 1000, 8);
        sb.append('-');
        appendHex(sb, r.nextLong(), 16);
        appendHex(sb, r.nextInt(), 8);
        return sb.toString();
    }

    /** An X-Ray segment id: 16 lowercase hex characters (the {@code Parent} of a trace header). */
    public static String segmentId() {
        StringBuilder sb = new StringBuilder(16);
        appendHex(sb, ThreadLocalRandom.current().nextLong(), 16);
        return sb.toString();
    }

    /** 32 lowercase hex characters (CloudWatch stream names of API Gateway). */
    public static String hex32() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(32);
        appendHex(sb, r.nextLong(), 16);
        appendHex(sb, r.nextLong(), 16);
        return sb.toString();
    }

    private static void appendHex(StringBuilder sb, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            sb.append(HEX[(int) (value >>> (4 * i)) & 0xF]);
        }
    }
}
