package org.descent.sums;

/**
 * Layout of the one array a partition sends back each iteration: the gradient sum
 * {@code sum_i w_i * grad l_i} (numParams entries), then the loss sum {@code sum_i w_i l_i},
 * the weight sum {@code sum_i w_i} and the row count. Raw sums merge by addition; dividing by
 * the weight sum happens once, on the driver, when the result is read.
 *
 * <p>Several models can share one array, each at its own offset, so that one pass over the
 * data can serve several configurations.
 */
public record SumsLayout(int numParams) {

    public int size() {
        return numParams + 3;
    }

    public int lossIndex() {
        return numParams;
    }

    public int weightIndex() {
        return numParams + 1;
    }

    public int countIndex() {
        return numParams + 2;
    }

    /** Adds a kernel's loss, weight and row totals into the sums starting at {@code offset}. */
    public void addTotals(double[] sums, int offset, double lossSum, double weightSum, long count) {
        sums[offset + lossIndex()] += lossSum;
        sums[offset + weightIndex()] += weightSum;
        sums[offset + countIndex()] += count;
    }

    /** Adds {@code from} into {@code into}, element by element, in index order. */
    public static double[] merge(double[] into, double[] from) {
        if (into.length != from.length) {
            throw new IllegalArgumentException("cannot merge sums of length " + from.length + " into " + into.length);
        }
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
        return into;
    }
}
