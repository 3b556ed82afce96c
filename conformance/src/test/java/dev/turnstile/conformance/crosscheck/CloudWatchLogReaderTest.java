package dev.turnstile.conformance.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

class CloudWatchLogReaderTest {

    /** One event a second for 200 s, served two a page, recording every call's window. */
    private static final class Pages implements CloudWatchLogsClient {
        final List<long[]> windows = Collections.synchronizedList(new ArrayList<>());

        @Override
        public FilterLogEventsResponse filterLogEvents(FilterLogEventsRequest r) {
            if (r.logGroupName().equals("missing")) {
                throw ResourceNotFoundException.builder().message("The specified log group does not exist.").build();
            }
            windows.add(new long[] {r.startTime(), r.endTime()});
            long from = r.nextToken() == null ? r.startTime() : Long.parseLong(r.nextToken());
            List<FilteredLogEvent> events = new ArrayList<>();
            long t = (from + 999) / 1000 * 1000;
            for (; t <= Math.min(r.endTime(), 199_000) && events.size() < 2; t += 1000) {
                events.add(FilteredLogEvent.builder().eventId("e" + t).timestamp(t).message("m" + t).build());
            }
            boolean more = t <= Math.min(r.endTime(), 199_000);
            return FilterLogEventsResponse.builder().events(events).nextToken(more ? Long.toString(t) : null).build();
        }

        @Override
        public String serviceName() {
            return "logs";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aLongWindowIsReadInDisjointMinutesPageByPageEachEventOnce() {
        Pages logs = new Pages();
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());

        new CloudWatchLogReader(logs, new LogsRequestRate(0)).forEach("g", 0, 199_999, e -> seen.add(e.timestamp()));

        assertThat(seen).hasSize(200).doesNotHaveDuplicates();
        assertThat(logs.windows.stream().map(w -> w[0] + ".." + w[1]).distinct())
                .containsExactlyInAnyOrder("0..59999", "60000..119999", "120000..179999", "180000..199999");
        assertThat(logs.windows).hasSize(100); // two events a page
    }

    @Test
    void aMissingGroupHasNoEvents() {
        assertThat(new CloudWatchLogReader(new Pages(), new LogsRequestRate(0)).read("missing", 0, 10)).isEmpty();
    }

    @Test
    void thePaceSpacesCalls() {
        LogsRequestRate rate = new LogsRequestRate(50);
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            rate.acquire();
        }
        assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(99); // 5 intervals of 20 ms
    }
}
