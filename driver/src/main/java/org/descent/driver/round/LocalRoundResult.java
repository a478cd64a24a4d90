package org.descent.driver.round;

import org.descent.optim.OptimizerState;

import java.io.Serializable;

/**
 * What a {@link LocalRound} brought back, as summed over the partitions in partition order:
 * the weighted parameter changes, each step's loss (with the penalties, at each partition's
 * own parameters), weight and rows, and the total weight. The means are derived on read.
 */
public record LocalRoundResult(Layout layout, double[] sums) {

    /**
     * Where each part lies in the summed array: the n weighted changes, three numbers per step
     * (loss, weight, rows), the total weight, then the weighted state slots of the update rule
     * ({@code stateSlots} of them; none when every partition's state starts fresh and dies with
     * the round).
     */
    public record Layout(int numParams, int steps, int stateSlots) implements Serializable {

        int stepLoss(int k) {
            return numParams + 3 * k;
        }

        int stepWeight(int k) {
            return stepLoss(k) + 1;
        }

        int stepRows(int k) {
            return stepLoss(k) + 2;
        }

        int weightIndex() {
            return numParams + 3 * steps;
        }

        int stateIndex() {
            return weightIndex() + 1;
        }

        int size() {
            return stateIndex() + stateSlots;
        }
    }

    public int steps() {
        return layout.steps();
    }

    /** The sample weight of every row any partition stepped on in the round. */
    public double weightSum() {
        return sums[layout.weightIndex()];
    }

    /** The weight of step {@code k}'s batch over all partitions; 0 when it came out empty. */
    public double stepWeight(int k) {
        return sums[layout.stepWeight(k)];
    }

    /** Rows in step {@code k}'s batch over all partitions. */
    public long stepRows(int k) {
        return (long) sums[layout.stepRows(k)];
    }

    /**
     * Step {@code k}'s weighted mean objective on its batch, each partition's rows measured at
     * that partition's parameters before its step; NaN for an empty batch.
     */
    public double stepLoss(int k) {
        return sums[layout.stepLoss(k)] / stepWeight(k);
    }

    /** The weighted mean of the partitions' changes, a new array. */
    public double[] meanChange() {
        return weightedMean(0, layout.numParams());
    }

    /**
     * The weighted mean of the partitions' update-rule states after the round, with
     * {@code steps} as its step count: for a round whose partitions started from a shipped
     * state (of a rule with no slots, plain SGD, just the count).
     */
    public OptimizerState meanState(long steps) {
        return new OptimizerState(steps, weightedMean(layout.stateIndex(), layout.stateSlots()));
    }

    /** The {@code length} sums from {@code from} divided by the total weight, a new array. */
    private double[] weightedMean(int from, int length) {
        double[] mean = new double[length];
        double inverse = 1.0 / weightSum();
        for (int i = 0; i < length; i++) {
            mean[i] = sums[from + i] * inverse;
        }
        return mean;
    }

    /** The Euclidean norm of {@code values}. */
    public static double norm(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
