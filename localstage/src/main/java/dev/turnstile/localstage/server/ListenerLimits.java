package dev.turnstile.localstage.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one listener accepts and for how long it waits, so that no client — slow, idle or oversized — can hold the
 * threads other clients need.
 *
 * @param maxHeaderBytes  request line plus headers, in bytes (API Gateway accepts 10,240: docs/aws-behaviour.md
 *                        §5.3); beyond it Jetty answers 431
 * @param maxBodyBytes    the largest body the faces behind accept; see {@link BufferedBodyFace.Overflow}
 * @param overflow        what a larger body gets
 * @param bodyReadTimeout how long a request may take to send its whole body; then 408 and the connection closes
 * @param idleTimeout     how long a connection may stay silent (between requests, or mid-request) before it is
 *                        closed; a request being handled is not cut by it
 */
public record ListenerLimits(int maxHeaderBytes, long maxBodyBytes, BufferedBodyFace.Overflow overflow,
                             Duration bodyReadTimeout, Duration idleTimeout) {

    /** API Gateway's limit on the request line and headers together. */
    public static final int TEN_KB = 10_240;
    /** The default body deadline: a 10 MB body at 3 Mbit/s arrives in 27 s. */
    public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(30);
    /** The default idle timeout of every listener. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Bodies of the services port: above the Lambda Invoke face's 6 MB (which answers its own 413 up to here) and the
     * 1 MB of a PutLogEvents batch.
     */
    static final long SERVICES_MAX_BODY = 8L * 1024 * 1024;

    public ListenerLimits {
        Objects.requireNonNull(overflow, "overflow");
        if (maxHeaderBytes < 1024 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("header limit must be at least 1024 bytes and the body limit at least 0, got "
                    + maxHeaderBytes + " / " + maxBodyBytes);
        }
        requirePositive(bodyReadTimeout, "bodyReadTimeout");
        requirePositive(idleTimeout, "idleTimeout");
    }

    /** The execute-api listener: bodies over {@code maxBodyBytes} reach the gateway, which answers its own 413. */
    public static ListenerLimits gateway(long maxBodyBytes, Duration bodyReadTimeout, Duration idleTimeout) {
        return new ListenerLimits(TEN_KB, maxBodyBytes, BufferedBodyFace.Overflow.HAND_OVER, bodyReadTimeout, idleTimeout);
    }

    /** The services listener: bodies over 8 MB are refused here with 413 {@code RequestEntityTooLargeException}. */
    public static ListenerLimits services(Duration bodyReadTimeout, Duration idleTimeout) {
        return new ListenerLimits(TEN_KB, SERVICES_MAX_BODY, BufferedBodyFace.Overflow.REFUSE, bodyReadTimeout,
                idleTimeout);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}
