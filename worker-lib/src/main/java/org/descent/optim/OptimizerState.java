package org.descent.optim;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Everything an optimizer remembers between updates: the number of updates applied and one
 * flat array of slots (velocities, accumulators, moments), whose length the optimizer's
 * settings define via {@link Optimizer#stateSize(int)}. Updated in place by
 * {@link Optimizer#update}; {@link #copy()} takes the snapshot a checkpoint stores.
 */
public final class OptimizerState implements Serializable {

    private long steps;
    private final double[] slots;

    public OptimizerState(long steps, double[] slots) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        this.steps = steps;
        this.slots = slots;
    }

    /** Updates applied so far (Adam's t after the next update is steps() + 1). */
    public long steps() {
        return steps;
    }

    /** The slot array, updated in place by the optimizer. */
    public double[] slots() {
        return slots;
    }

    /** Called by an optimizer once per update, after it has used the old step count. */
    void advance() {
        steps++;
    }

    public OptimizerState copy() {
        return new OptimizerState(steps, slots.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptimizerState s && steps == s.steps && Arrays.equals(slots, s.slots);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(steps) * 31 + Arrays.hashCode(slots);
    }

    @Override
    public String toString() {
        return "OptimizerState[steps=" + steps + ", slots=" + slots.length + "]";
    }
}
