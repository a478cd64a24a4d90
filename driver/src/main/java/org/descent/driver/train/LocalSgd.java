package org.descent.driver.train;

import org.descent.optim.OptimizerState;

import java.util.Arrays;

/**
 * Local SGD with periodic averaging: after {@code after} synchronous iterations, each round
 * lets every partition take {@code steps} optimizer steps on its own sampled batches, from the
 * parameters the round broadcast, and the driver averages the partitions' parameter changes,
 * weighted by the rows each one stepped on. One Spark job then carries {@code steps}
 * iterations instead of one. Iterations still count optimizer steps, so the schedules, the
 * batch sampling streams and {@code max-iter} mean what they mean without local steps.
 *
 * <p><b>The optimizer's state</b> ({@link LocalState}): either every partition starts each
 * round's steps with a fresh state of the update rule, the driver keeping the rule's state
 * only for the synchronous iterations before {@code after}; or every partition starts from the
 * driver's state and the driver keeps the row-weighted mean of the partitions' states after
 * the round. Either way a lost executor's tasks recompute the same bits from what the driver
 * shipped, and a checkpoint needs nothing of the partitions. (Which pays when:
 * docs/local-sgd.md.)
 *
 * <p><b>Outer momentum.</b> With {@code outerMomentum} β > 0 the driver keeps a velocity u of
 * the averaged change Δ, {@code u ← β u + Δ}, and moves by u instead of Δ (the outer update of
 * SlowMo: Wang et al., "SlowMo: improving communication-efficient distributed SGD with slow
 * momentum", ICLR 2020). The velocity is part of the optimizer's state as a checkpoint stores
 * it: the rule's own slots, then u ({@link #join}, {@link #split}).
 *
 * @param steps         optimizer steps per partition per round, {@code >= 1}; 1 is synchronous
 *                      training, whatever the other two say
 * @param after         the synchronous iterations before the first local round (post-local SGD)
 * @param outerMomentum β in [0, 1); 0 applies the averaged change as it is
 * @param state         where each round's partitions start the update rule
 */
public record LocalSgd(int steps, int after, double outerMomentum, LocalState state) {

    public static final String STEPS = "local-steps";
    public static final String AFTER = "local-after";
    public static final String OUTER_MOMENTUM = "outer-momentum";
    public static final String STATE = "local-state";

    /** The state policy when none is given. */
    public static final LocalState DEFAULT_STATE = LocalState.parse(STATE, TrainingSettings.DEFAULT_LOCAL_STATE);

    /** Today's synchronous training: one step per round. */
    public static final LocalSgd SYNCHRONOUS = new LocalSgd(1, 0, 0);

    /** Local SGD with the default state policy. */
    public LocalSgd(int steps, int after, double outerMomentum) {
        this(steps, after, outerMomentum, DEFAULT_STATE);
    }

    public LocalSgd {
        if (state == null) {
            throw new IllegalArgumentException(STATE + ": must be given");
        }
        if (steps < 1) {
            throw new IllegalArgumentException(STEPS + ": must be >= 1 (1 is synchronous training), got " + steps);
        }
        if (after < 0) {
            throw new IllegalArgumentException(AFTER + ": must be >= 0 iterations, got " + after);
        }
        if (!(outerMomentum >= 0 && outerMomentum < 1)) {
            throw new IllegalArgumentException(OUTER_MOMENTUM + ": must be in [0, 1), got " + outerMomentum);
        }
    }

    /** Whether any round takes more than one step. */
    public boolean isLocal() {
        return steps > 1;
    }

    /** Whether the round starting at iteration {@code t} (0-based) is a local one. */
    public boolean isLocalAt(int t) {
        return isLocal() && t >= after;
    }

    /**
     * The 1-based round that 1-based iteration {@code iteration} belongs to: each synchronous
     * iteration is a round, then every {@code steps} iterations are one.
     */
    public long roundOf(int iteration) {
        if (!isLocal() || iteration <= after) {
            return iteration;
        }
        return after + (iteration - after + steps - 1) / steps;
    }

    /** Whether local rounds ship the rule's state and keep the partitions' mean of it. */
    public boolean averagesState() {
        return isLocal() && state == LocalState.AVERAGED;
    }

    /** Whether the driver keeps an outer velocity, one slot per parameter after the rule's own. */
    public boolean hasOuterVelocity() {
        return isLocal() && outerMomentum > 0;
    }

    /** The state a checkpoint stores: the rule's slots, then the outer velocity (if any). */
    public OptimizerState join(OptimizerState rule, double[] velocity) {
        if (!hasOuterVelocity()) {
            return rule.copy();
        }
        double[] slots = Arrays.copyOf(rule.slots(), rule.slots().length + velocity.length);
        System.arraycopy(velocity, 0, slots, rule.slots().length, velocity.length);
        return new OptimizerState(rule.steps(), slots);
    }

    /** The rule's own state from a stored one whose rule has {@code ruleSlots} slots. */
    public OptimizerState split(OptimizerState stored, int ruleSlots) {
        return new OptimizerState(stored.steps(), Arrays.copyOf(stored.slots(), ruleSlots));
    }

    /** The outer velocity from a stored state: zeros where none was kept. */
    public double[] velocity(OptimizerState stored, int ruleSlots, int numParams) {
        double[] u = new double[numParams];
        if (hasOuterVelocity() && stored.slots().length == ruleSlots + numParams) {
            System.arraycopy(stored.slots(), ruleSlots, u, 0, numParams);
        }
        return u;
    }

    @Override
    public String toString() {
        return isLocal() ? "local-steps=" + steps + (after > 0 ? ", local-after=" + after : "")
                + (outerMomentum > 0 ? ", outer-momentum=" + outerMomentum : "")
                + (state != DEFAULT_STATE ? ", local-state=" + state.spelling() : "") : "synchronous";
    }
}
