package dev.turnstile.localstage.it.abuse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 written byte by byte over a socket: what a clumsy or hostile client sends and no HTTP library would (a
 * declared length larger than the body, headers of an exact size, a body that trickles in). Each exchange uses its
 * own connection.
 */
final class RawHttp {

    /** One answer as read from the wire. */
    record Answer(int status, List<String[]> headers, byte[] body) {

        /** The first value of a header (case-insensitive). */
        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /** Opens a connection to the host and port of {@code uri} (reads time out after {@code timeoutMillis}). */
    static Socket connect(URI uri, int timeoutMillis) {
        try {
            Socket socket = new Socket(uri.getHost(), uri.getPort());
            socket.setSoTimeout(timeoutMillis);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + uri, e);
        }
    }

    /** Sends {@code head} (request line and headers, CRLF-terminated) and {@code body}, and reads the answer. */
    static Answer exchange(URI uri, String head, byte[] body) {
        try (Socket socket = connect(uri, 60_000)) {
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("exchange with " + uri + " failed", e);
        }
    }

    /** Reads one answer: status line, headers, and a {@code Content-Length} body (or everything until close). */
    static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("the connection closed before an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        List<String[]> headers = new ArrayList<>();
        long length = -1;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            headers.add(new String[] {name, value});
            if (name.toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Long.parseLong(value);
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (length >= 0) {
            byte[] bytes = in.readNBytes((int) length);
            body.write(bytes);
        } else {
            in.transferTo(body);
        }
        return new Answer(status, headers, body.toByteArray());
    }

    /** A CRLF-terminated line without its terminator, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
