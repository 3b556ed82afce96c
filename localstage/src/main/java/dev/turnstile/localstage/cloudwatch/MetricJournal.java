package dev.turnstile.localstage.cloudwatch;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metric store's append-only file, {@code <dataDir>/metrics/journal.bin}. Two kinds of entry: a series
 * definition (id, namespace, name, unit, dimensions) written once per series, and a batch of values sharing one
 * timestamp, naming series by id — so a request's fifteen values cost a few hundred bytes. Each entry is
 * {@code [int n][n payload bytes][int CRC32C of the payload]} and is written in one call: after a {@code kill -9}
 * the OS holds every entry written, and opening the file drops a torn last entry.
 */
final class MetricJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricJournal.class);
    private static final byte SERIES = 'S';
    private static final byte VALUES = 'V';
    /** Far above any real entry (a batch names each series once). */
    private static final int LARGEST = 1 << 24;

    /** What replay hands back, in file order. */
    interface Reader {
        void series(int id, MetricKey key, String unit);

        void values(long timestampMillis, int[] seriesIds, double[] values);
    }

    private final Path file;
    private final FileChannel channel;

    private MetricJournal(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens the file, replays every whole entry into {@code reader} and cuts what follows the last one. */
    static MetricJournal open(Path file, Reader reader) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long whole = replay(channel, reader);
            if (whole < channel.size()) {
                LOG.warn("metric journal {}: {} bytes after offset {} are not a whole entry and are dropped", file,
                        channel.size() - whole, whole);
                channel.truncate(whole);
                channel.force(true);
            }
            channel.position(whole);
            return new MetricJournal(file, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the metric journal " + file, e);
        }
    }

    /** The framed entry defining series {@code id}. */
    static ByteBuffer seriesEntry(int id, MetricKey key, String unit) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(SERIES);
            out.writeInt(id);
            out.writeUTF(key.namespace());
            out.writeUTF(key.metricName());
            out.writeUTF(unit);
            out.writeShort(key.dimensions().size());
            for (var d : key.dimensions().entrySet()) {
                out.writeUTF(d.getKey());
                out.writeUTF(d.getValue());
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return framed(bytes.toByteArray());
    }

    /** The framed entry of values sharing {@code timestampMillis}. */
    static ByteBuffer valuesEntry(long timestampMillis, int[] seriesIds, double[] values) {
        ByteBuffer payload = ByteBuffer.allocate(1 + 8 + 4 + seriesIds.length * 12);
        payload.put(VALUES).putLong(timestampMillis).putInt(seriesIds.length);
        for (int i = 0; i < seriesIds.length; i++) {
            payload.putInt(seriesIds[i]).putDouble(values[i]);
        }
        return framed(payload.array());
    }

    /** Writes entries with one gathering write; callers serialise writes. On return they are in the OS. */
    void write(List<ByteBuffer> entries) {
        ByteBuffer[] all = entries.toArray(ByteBuffer[]::new);
        long left = entries.stream().mapToLong(ByteBuffer::remaining).sum();
        try {
            while (left > 0) {
                left -= channel.write(all);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the metric journal " + file, e);
        }
    }

    /** Forces what was written to disk, then closes the file. */
    @Override
    public void close() {
        try {
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the metric journal " + file, e);
        }
    }

    private static ByteBuffer framed(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer entry = ByteBuffer.allocate(4 + payload.length + 4);
        entry.putInt(payload.length).put(payload).putInt((int) crc.getValue()).flip();
        return entry;
    }

    /** Replays whole entries from the start; returns the offset after the last one. */
    private static long replay(FileChannel channel, Reader reader) throws IOException {
        channel.position(0);
        // not closed: closing the stream would close the channel the journal keeps for writing
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        long whole = 0;
        try {
            while (true) {
                int n = in.readInt();
                if (n <= 0 || n > LARGEST) {
                    return whole;
                }
                byte[] payload = new byte[n];
                in.readFully(payload);
                int expected = in.readInt();
                CRC32C crc = new CRC32C();
                crc.update(payload);
                if (expected != (int) crc.getValue()) {
                    return whole;
                }
                decode(ByteBuffer.wrap(payload), reader);
                whole += 8L + n;
            }
        } catch (EOFException torn) {
            return whole;
        }
    }

    private static void decode(ByteBuffer in, Reader reader) throws IOException {
        byte kind = in.get();
        if (kind == SERIES) {
            int id = in.getInt();
            String namespace = utf(in);
            String name = utf(in);
            String unit = utf(in);
            int n = in.getShort();
            SortedMap<String, String> dims = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                dims.put(utf(in), utf(in));
            }
            reader.series(id, MetricKey.of(namespace, name, dims), unit);
        } else if (kind == VALUES) {
            long ts = in.getLong();
            int n = in.getInt();
            int[] ids = new int[n];
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                ids[i] = in.getInt();
                values[i] = in.getDouble();
            }
            reader.values(ts, ids, values);
        } else {
            // a whole entry with a valid checksum but an unknown kind was written by another program
            throw new IOException("metric journal entry of unknown kind " + kind);
        }
    }

    /** Reads one {@code writeUTF} string (its 2-byte length, then modified UTF-8). */
    private static String utf(ByteBuffer in) throws IOException {
        int length = Short.toUnsignedInt(in.getShort());
        byte[] bytes = new byte[length + 2];
        bytes[0] = (byte) (length >>> 8);
        bytes[1] = (byte) length;
        in.get(bytes, 2, length);
        return new DataInputStream(new ByteArrayInputStream(bytes)).readUTF();
    }
}
