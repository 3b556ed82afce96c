package dev.turnstile.localstage.awslike;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A fault the local stage injects on purpose ({@code --fault NAME}), <b>for testing the suite only</b>: each one
 * breaks a promise the suite must catch, and the rehearsal (rehearsal/faults.sh) shows that it does. None is
 * active unless named.
 */
public enum StageFault {
    /** The writer answers 200 but 1 put in 50 is lost: its item is deleted before the answer leaves. */
    DROP_PUT("drop-put"),
    /** Usage-plan throttles admit 25 % more than the plan: every plan bucket is 1.25 × rate and burst. */
    OVER_ADMIT("over-admit"),
    /** 1 access-log line in 100 is never delivered to CloudWatch Logs. */
    LOSE_ACCESS_LOG("lose-access-log");

    private final String optionName;

    StageFault(String optionName) {
        this.optionName = optionName;
    }

    /** The name on the command line. */
    public String optionName() {
        return optionName;
    }

    /** The fault named {@code name}; an error listing the known names otherwise. */
    public static StageFault parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (StageFault f : values()) {
            if (f.optionName.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + name + "'; known: "
                + Arrays.stream(values()).map(StageFault::optionName).collect(Collectors.joining(", ")));
    }
}
