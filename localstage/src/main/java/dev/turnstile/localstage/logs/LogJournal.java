package dev.turnstile.localstage.logs;

import dev.turnstile.localstage.logs.JournalRecord.EventsAppended;
import dev.turnstile.localstage.logs.JournalRecord.GroupCreated;
import dev.turnstile.localstage.logs.JournalRecord.GroupDeleted;
import dev.turnstile.localstage.logs.JournalRecord.RetentionSet;
import dev.turnstile.localstage.logs.JournalRecord.StreamCreated;
import dev.turnstile.localstage.logs.JournalRecord.StreamDeleted;
import dev.turnstile.localstage.logs.LogSink.LogEvent;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log store's one append-only file. Every change (groups, streams, retention, event batches) is one
 * framed record {@code [int length][int CRC32C][payload]}, written with a single {@code write} call, so after
 * a {@code kill -9} the OS still holds every record that was written, and at most the last one is torn.
 *
 * <p>One journal rather than a file per stream: a put is one sequential write to one open file whatever
 * the number of streams (access logs create a stream per gateway instance, function logs one per execution
 * environment), metadata and events replay in the exact order they happened, and recovery has one tail to
 * check. Reads never touch the file: the store keeps everything in memory, the journal is the durable copy.
 */
final class LogJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogJournal.class);
    private static final int HEADER = 8;
    /** Larger than any valid record (a PutLogEvents batch is at most 1 MiB of messages + names). */
    private static final int MAX_PAYLOAD = 64 * 1024 * 1024;

    private static final byte GROUP_CREATED = 1;
    private static final byte GROUP_DELETED = 2;
    private static final byte RETENTION_SET = 3;
    private static final byte STREAM_CREATED = 4;
    private static final byte STREAM_DELETED = 5;
    private static final byte EVENTS_APPENDED = 6;

    private final FileChannel channel;

    private LogJournal(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Opens (or creates) the journal, replays every intact record in order, and cuts off a torn tail so
     * new records follow the last intact one.
     */
    static LogJournal open(Path file, Consumer<JournalRecord> replay) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long intactLength = replay(channel, replay);
            long size = channel.size();
            if (intactLength < size) {
                LOG.warn("log journal {}: dropped a torn trailing record ({} bytes after offset {})", file,
                        size - intactLength, intactLength);
                channel.truncate(intactLength);
                channel.force(true);
            }
            channel.position(intactLength);
            return new LogJournal(channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log journal " + file, e);
        }
    }

    /** Encodes a record into its framed bytes (thread-safe, so callers can do it before taking their lock). */
    static ByteBuffer frame(JournalRecord record) {
        if (record instanceof EventsAppended events) {
            return frameEvents(events);
        }
        byte[] payload = encode(record);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer frame = ByteBuffer.allocate(HEADER + payload.length);
        frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
        return frame;
    }

    /**
     * An event batch framed straight into one buffer of its exact size: the layout every record has (big-endian
     * numbers, strings as length + UTF-8), without a growing {@code ByteArrayOutputStream}, its final copy and the copy into the frame. Every request
     * frames two batches (access log and execution log), and the copies showed in the 429 path's profile
     * (bench/README.md, "The 429 path's profile").
     */
    private static ByteBuffer frameEvents(EventsAppended record) {
        byte[] group = record.group().getBytes(StandardCharsets.UTF_8);
        byte[] stream = record.stream().getBytes(StandardCharsets.UTF_8);
        List<LogEvent> events = record.events();
        byte[][] messages = new byte[events.size()][];
        int length = 1 + 4 + group.length + 4 + stream.length + 8 + 4;
        for (int i = 0; i < messages.length; i++) {
            messages[i] = events.get(i).message().getBytes(StandardCharsets.UTF_8);
            length += 8 + 4 + messages[i].length;
        }
        ByteBuffer frame = ByteBuffer.allocate(HEADER + length);
        frame.position(HEADER);
        frame.put(EVENTS_APPENDED).putInt(group.length).put(group).putInt(stream.length).put(stream)
                .putLong(record.ingestionTime()).putInt(messages.length);
        for (int i = 0; i < messages.length; i++) {
            frame.putLong(events.get(i).timestamp()).putInt(messages[i].length).put(messages[i]);
        }
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), HEADER, length);
        frame.putInt(0, length).putInt(4, (int) crc.getValue()).rewind();
        return frame;
    }

    /** Appends one framed record (callers serialise appends); on return the bytes are in the OS, not fsynced. */
    void append(ByteBuffer frame) {
        try {
            while (frame.hasRemaining()) {
                channel.write(frame);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the log journal", e);
        }
    }

    /** Appends several framed records with one gathering write (callers serialise appends). */
    void append(ByteBuffer[] frames) {
        try {
            long remaining = 0;
            for (ByteBuffer frame : frames) {
                remaining += frame.remaining();
            }
            while (remaining > 0) {
                remaining -= channel.write(frames);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the log journal", e);
        }
    }

    /** Forces the journal to disk. */
    void sync() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the log journal", e);
        }
    }

    @Override
    public void close() {
        try (channel) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the log journal", e);
        }
    }

    /** Returns the length of the intact prefix. */
    private static long replay(FileChannel channel, Consumer<JournalRecord> replay) throws IOException {
        channel.position(0);
        // not closed: closing it would close the channel, which the journal keeps for appends
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        DataInputStream data = new DataInputStream(in);
        long offset = 0;
        byte[] header = new byte[HEADER];
        while (true) {
            if (!readFully(data, header)) {
                return offset;
            }
            ByteBuffer h = ByteBuffer.wrap(header);
            int length = h.getInt();
            int expectedCrc = h.getInt();
            if (length <= 0 || length > MAX_PAYLOAD) {
                return offset;
            }
            byte[] payload = new byte[length];
            if (!readFully(data, payload)) {
                return offset;
            }
            CRC32C crc = new CRC32C();
            crc.update(payload);
            if ((int) crc.getValue() != expectedCrc) {
                return offset;
            }
            replay.accept(decode(payload));
            offset += HEADER + length;
        }
    }

    /** False when the stream ends before {@code into} is full (a torn or absent record). */
    private static boolean readFully(DataInputStream in, byte[] into) throws IOException {
        try {
            in.readFully(into);
            return true;
        } catch (EOFException end) {
            return false;
        }
    }

    private static byte[] encode(JournalRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            if (record instanceof GroupCreated r) {
                out.writeByte(GROUP_CREATED);
                writeString(out, r.group());
                out.writeLong(r.creationTime());
                out.writeInt(r.retentionDays());
                writeString(out, r.logGroupClass());
            } else if (record instanceof GroupDeleted r) {
                out.writeByte(GROUP_DELETED);
                writeString(out, r.group());
            } else if (record instanceof RetentionSet r) {
                out.writeByte(RETENTION_SET);
                writeString(out, r.group());
                out.writeInt(r.retentionDays());
            } else if (record instanceof StreamCreated r) {
                out.writeByte(STREAM_CREATED);
                writeString(out, r.group());
                writeString(out, r.stream());
                out.writeLong(r.creationTime());
            } else if (record instanceof StreamDeleted r) {
                out.writeByte(STREAM_DELETED);
                writeString(out, r.group());
                writeString(out, r.stream());
            } else { // EventsAppended is framed by frameEvents
                throw new IllegalArgumentException("unknown journal record " + record);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    private static JournalRecord decode(byte[] payload) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(payload);
        byte type = in.get();
        return switch (type) {
            case GROUP_CREATED -> new GroupCreated(readString(in), in.getLong(), in.getInt(), readString(in));
            case GROUP_DELETED -> new GroupDeleted(readString(in));
            case RETENTION_SET -> new RetentionSet(readString(in), in.getInt());
            case STREAM_CREATED -> new StreamCreated(readString(in), readString(in), in.getLong());
            case STREAM_DELETED -> new StreamDeleted(readString(in), readString(in));
            case EVENTS_APPENDED -> {
                String group = readString(in);
                String stream = readString(in);
                long ingestionTime = in.getLong();
                int count = in.getInt();
                List<LogEvent> events = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    events.add(new LogEvent(in.getLong(), readString(in)));
                }
                yield new EventsAppended(group, stream, ingestionTime, events);
            }
            // a record with a valid checksum but an unknown type was written by another program: refuse it
            default -> throw new IOException("log journal record of unknown type " + type);
        };
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }
}
