package org.descent.optim;

/**
 * Linear warm-up in front of any other schedule: for the first w iterations the rate climbs
 * linearly to the base schedule's initial rate, then the base schedule runs from its own
 * iteration 0,
 * <pre>
 *   η_t = η_base(0) · (t + 1) / w     for t < w
 *   η_t = η_base(t − w)               otherwise
 * </pre>
 * so the first update is already non-zero and a decay starts where the warm-up ends.
 *
 * @param warmupIterations w >= 1
 */
public record WarmupSchedule(int warmupIterations, LearningRateSchedule base) implements LearningRateSchedule {

    /** The key of w among {@link #settings()}, as the command line spells it. */
    public static final String WARMUP = "warmup";

    public WarmupSchedule {
        if (warmupIterations < 1) {
            throw new IllegalArgumentException("warmup must be >= 1 iteration, got " + warmupIterations);
        }
        if (base == null || base instanceof WarmupSchedule) {
            throw new IllegalArgumentException("warm-up needs a base schedule that is not itself a warm-up");
        }
    }

    @Override
    public double rate(long iteration) {
        if (iteration < warmupIterations) {
            return base.rate(0) * (iteration + 1) / warmupIterations;
        }
        return base.rate(iteration - warmupIterations);
    }

    @Override
    public ScheduleKind kind() {
        return base.kind();
    }

    @Override
    public HyperparameterValues settings() {
        return base.settings().with(WARMUP, warmupIterations);
    }

    @Override
    public String name() {
        return "warmup+" + base.name();
    }

    @Override
    public String toString() {
        return "warmup(" + warmupIterations + ", " + base + ")";
    }
}
