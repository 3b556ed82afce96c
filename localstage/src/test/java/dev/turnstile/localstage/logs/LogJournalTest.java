package dev.turnstile.localstage.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnstile.localstage.logs.JournalRecord.EventsAppended;
import dev.turnstile.localstage.logs.JournalRecord.StreamCreated;
import dev.turnstile.localstage.logs.LogSink.LogEvent;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's framing: the exact bytes of an event batch, and every record read back after a reopen. */
class LogJournalTest {

    @TempDir
    Path dir;

    private static final EventsAppended BATCH = new EventsAppended("/aws/lambda/turnstile-writer", "2026/12/04/[$LATEST]ab",
            1_764_800_000_123L, List.of(new LogEvent(1_764_800_000_001L, "START RequestId: 7f"),
                    new LogEvent(1_764_800_000_002L, "naïve ✓ 𝄞"), new LogEvent(1_764_800_000_003L, "")));

    @Test
    void anEventBatchIsFramedAsLengthChecksumAndTheBigEndianPayload() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream payload = new DataOutputStream(bytes);
        payload.writeByte(6);
        utf8(payload, BATCH.group());
        utf8(payload, BATCH.stream());
        payload.writeLong(BATCH.ingestionTime());
        payload.writeInt(3);
        for (LogEvent e : BATCH.events()) {
            payload.writeLong(e.timestamp());
            utf8(payload, e.message());
        }
        byte[] expected = bytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(expected);

        ByteBuffer frame = LogJournal.frame(BATCH);

        assertThat(frame.position()).isZero();
        assertThat(frame.remaining()).isEqualTo(8 + expected.length);
        assertThat(frame.getInt(0)).isEqualTo(expected.length);
        assertThat(frame.getInt(4)).isEqualTo((int) crc.getValue());
        byte[] body = new byte[expected.length];
        frame.get(8, body);
        assertThat(body).isEqualTo(expected);
    }

    @Test
    void recordsFramedOneByOneAndGatheredAreReadBackInOrderAfterAReopen() {
        Path file = dir.resolve("logs.journal");
        StreamCreated stream = new StreamCreated(BATCH.group(), BATCH.stream(), 1_764_800_000_000L);
        EventsAppended second = new EventsAppended(BATCH.group(), BATCH.stream(), 1_764_800_000_200L,
                List.of(new LogEvent(1_764_800_000_150L, "x".repeat(70_000))));
        try (LogJournal journal = LogJournal.open(file, r -> { })) {
            journal.append(LogJournal.frame(stream));
            journal.append(new ByteBuffer[] {LogJournal.frame(BATCH), LogJournal.frame(second)});
        }
        List<JournalRecord> replayed = new ArrayList<>();
        LogJournal.open(file, replayed::add).close();
        assertThat(replayed).containsExactly(stream, BATCH, second);
    }

    private static void utf8(DataOutputStream out, String value) throws IOException {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }
}
