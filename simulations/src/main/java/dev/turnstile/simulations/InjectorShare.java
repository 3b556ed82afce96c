package dev.turnstile.simulations;

/**
 * One injector's share of an injection profile when N injector processes (on N machines) drive one stage together:
 * Gatling's open-source edition has no cluster mode, so each process runs the same simulation with
 * {@code -Dturnstile.injectors=N -Dturnstile.injector=i} and sends 1/N of the load; the merge step then judges the
 * combined ledgers.
 *
 * @param count how many injectors (N ≥ 1)
 * @param index this injector (0 ≤ i < N)
 */
public record InjectorShare(int count, int index) {

    public InjectorShare {
        if (count < 1) {
            throw new IllegalArgumentException("-Dturnstile.injectors must be ≥ 1, got " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("-Dturnstile.injector must be in 0.." + (count - 1) + ", got " + index);
        }
    }

    /** The single-injector case. */
    public static final InjectorShare ALONE = new InjectorShare(1, 0);

    /** True when this process is the only injector, so its own ledger is the whole run. */
    public boolean alone() {
        return count == 1;
    }

    /** This injector's part of an arrival rate. */
    public double rate(double total) {
        return total / count;
    }

    /** This injector's part of a request count; the parts of all injectors add up to {@code total} exactly. */
    public long requests(long total) {
        long base = total / count;
        return base + (index < total % count ? 1 : 0);
    }
}
