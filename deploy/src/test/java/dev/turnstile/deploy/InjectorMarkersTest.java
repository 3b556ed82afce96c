package dev.turnstile.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the merge waits for the injectors' markers on the runs volume. */
class InjectorMarkersTest {

    @TempDir
    Path run;

    @Test
    void theWaitEndsWhenEveryInjectorHasEnded() {
        marker(0, 0);
        CompletableFuture<InjectorMarkers.Seen> seen = CompletableFuture.supplyAsync(
                () -> InjectorMarkers.await(run, Duration.ofSeconds(20), Duration.ofMillis(20)));
        assertThat(seen).isNotDone();
        marker(2, 0);
        marker(1, 0);
        InjectorMarkers.Seen all = seen.join();
        assertThat(all.complete()).isTrue();
        assertThat(all.ended()).containsOnlyKeys(0, 1, 2);
    }

    @Test
    void aFailedInjectorEndsTheWaitAtOnce() {
        marker(1, 2);
        InjectorMarkers.Seen seen = InjectorMarkers.await(run, Duration.ofSeconds(20), Duration.ofMillis(20));
        assertThat(seen.anyFailed()).isTrue();
        assertThat(seen.missing()).containsExactly(0, 2);
    }

    @Test
    void theDeadlineNamesTheInjectorsStillMissing() throws Exception {
        Files.createDirectories(run.resolve("injector-0")); // started, not ended
        marker(1, 0);
        assertThatThrownBy(() -> InjectorMarkers.await(run, Duration.ofMillis(100), Duration.ofMillis(20)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("waited PT0.1S for the injectors of " + run + ": 1 of 3 ended; still missing [0, 2]");
    }

    @Test
    void noInjectorAtAllIsSaidSo() {
        assertThatThrownBy(() -> InjectorMarkers.await(run.resolve("nothing"), Duration.ofMillis(50),
                Duration.ofMillis(10))).hasMessage("waited PT0.05S and no injector of " + run.resolve("nothing")
                + " has ended");
    }

    @Test
    void markersThatDisagreeAboutTheRunAreAnError() {
        marker(0, 0);
        new InjectorMarker("Burst", 3, 1, "r", 0, null, 1L).write(run.resolve("injector-1"));
        assertThatThrownBy(() -> InjectorMarkers.look(run)).hasMessage("the injectors of " + run
                + " disagree: injector 0 ran ThrottleRate as one of 3, injector 1 Burst as one of 3");
    }

    private void marker(int index, int status) {
        new InjectorMarker("ThrottleRate", 3, index, "target/turnstile/runs/r" + index, status, null,
                System.currentTimeMillis()).write(run.resolve("injector-" + index));
    }
}
