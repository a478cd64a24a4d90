package org.descent.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What the loaded data looks like, computed per block by {@link #of} and combined with
 * {@link #merge} (for instance in a Spark {@code treeAggregate}), so that the driver can check
 * the labels against the loss and size the model before training.
 *
 * <p>{@link #merge} is commutative and associative, with {@link #empty()} as its identity:
 * counts add, extremes take the min or max, flags combine with AND / OR, and the distinct
 * labels are the {@value #MAX_DISTINCT_LABELS} smallest of the union. The one exception is
 * {@code weightSum}, a floating-point sum, which is associative only up to rounding (exactly so
 * when the weights are small dyadic numbers such as the default 1.0).
 *
 * <p>Labels are compared as numbers: {@code -0.0} counts as {@code 0.0}.
 *
 * @param rows               number of rows
 * @param weightSum          sum of the rows' sample weights
 * @param maxColumnIndex     largest 0-based column present, or -1 if none: for a sparse block
 *                           the largest column stored, for a dense block {@code numFeatures - 1}
 * @param minLabel           smallest label, {@code +Infinity} when there are no rows
 * @param maxLabel           largest label, {@code -Infinity} when there are no rows
 * @param allLabelsIntegral  whether every label is a whole number (true when there are no rows)
 * @param distinctLabels     the distinct labels in ascending order, at most
 *                           {@value #MAX_DISTINCT_LABELS}: all of them, or the smallest ones if
 *                           there are more
 * @param moreDistinctLabels whether there are more distinct labels than {@code distinctLabels} holds
 */
public record DataSummary(long rows, double weightSum, int maxColumnIndex, double minLabel, double maxLabel,
                          boolean allLabelsIntegral, double[] distinctLabels, boolean moreDistinctLabels)
        implements Serializable {

    /**
     * Distinct labels remembered: enough for any classification task the driver supports, and
     * small enough that a summary is a few hundred bytes whatever the data.
     */
    public static final int MAX_DISTINCT_LABELS = 64;

    private static final double[] NO_LABELS = {};

    public DataSummary {
        if (rows < 0 || maxColumnIndex < -1) {
            throw new IllegalArgumentException("rows must be >= 0 and maxColumnIndex >= -1, got rows=" + rows
                    + ", maxColumnIndex=" + maxColumnIndex);
        }
        if (distinctLabels.length > MAX_DISTINCT_LABELS) {
            throw new IllegalArgumentException("at most " + MAX_DISTINCT_LABELS + " distinct labels are kept, got "
                    + distinctLabels.length);
        }
        for (int i = 0; i < distinctLabels.length; i++) {
            if (!Double.isFinite(distinctLabels[i]) || (i > 0 && !(distinctLabels[i - 1] < distinctLabels[i]))) {
                throw new IllegalArgumentException("distinct labels must be finite and strictly ascending: "
                        + Arrays.toString(distinctLabels));
            }
        }
        if (moreDistinctLabels && distinctLabels.length < MAX_DISTINCT_LABELS) {
            throw new IllegalArgumentException("more distinct labels can only exist once " + MAX_DISTINCT_LABELS
                    + " are kept");
        }
        distinctLabels = distinctLabels.clone();
    }

    /** The summary of no rows; the identity of {@link #merge}. */
    public static DataSummary empty() {
        return new DataSummary(0, 0.0, -1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, true, NO_LABELS, false);
    }

    /**
     * Summarizes one block in a single pass over its labels and weights (and, for a sparse
     * block, the last column of each row, the largest since columns ascend within a row).
     *
     * @throws IllegalArgumentException if a label is not finite
     */
    public static DataSummary of(DataBlock block) {
        double[] labels = block.labels();
        double[] weights = block.weights();
        double weightSum = 0.0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean integral = true;
        double[] distinct = new double[MAX_DISTINCT_LABELS];
        int numDistinct = 0;
        boolean more = false;
        for (int row = 0; row < labels.length; row++) {
            double label = labels[row] + 0.0; // turns -0.0 into 0.0, leaves every other value alone
            if (!Double.isFinite(label)) {
                throw new IllegalArgumentException("label " + label + " in row " + row + " is not finite");
            }
            weightSum += weights[row];
            min = Math.min(min, label);
            max = Math.max(max, label);
            integral &= label == Math.rint(label);
            int found = Arrays.binarySearch(distinct, 0, numDistinct, label);
            if (found < 0) {
                int insertAt = -found - 1;
                if (numDistinct < MAX_DISTINCT_LABELS) {
                    System.arraycopy(distinct, insertAt, distinct, insertAt + 1, numDistinct - insertAt);
                    distinct[insertAt] = label;
                    numDistinct++;
                } else {
                    // full: keep the smallest, dropping the largest (possibly this label)
                    more = true;
                    if (insertAt < MAX_DISTINCT_LABELS) {
                        System.arraycopy(distinct, insertAt, distinct, insertAt + 1, MAX_DISTINCT_LABELS - 1 - insertAt);
                        distinct[insertAt] = label;
                    }
                }
            }
        }
        return new DataSummary(labels.length, weightSum, maxColumnIndex(block), min, max, integral,
                Arrays.copyOf(distinct, numDistinct), more);
    }

    private static int maxColumnIndex(DataBlock block) {
        if (block instanceof SparseBlock sparse) {
            int[] rowPointers = sparse.rowPointers();
            int[] columns = sparse.columnIndices();
            int max = -1;
            for (int row = 0; row < sparse.numRows(); row++) {
                if (rowPointers[row + 1] > rowPointers[row]) {
                    max = Math.max(max, columns[rowPointers[row + 1] - 1]);
                }
            }
            return max;
        }
        return block.numFeatures() - 1;
    }

    /** The summary of this data and {@code other} together. */
    public DataSummary merge(DataSummary other) {
        double[] a = distinctLabels;
        double[] b = other.distinctLabels;
        double[] union = new double[Math.min(MAX_DISTINCT_LABELS, a.length + b.length)];
        int count = 0;
        boolean more = moreDistinctLabels || other.moreDistinctLabels;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            double next;
            if (j == b.length || (i < a.length && a[i] < b[j])) {
                next = a[i++];
            } else if (i == a.length || b[j] < a[i]) {
                next = b[j++];
            } else {
                next = a[i++];
                j++;
            }
            if (count == MAX_DISTINCT_LABELS) {
                more = true;
                break;
            }
            union[count++] = next;
        }
        return new DataSummary(rows + other.rows, weightSum + other.weightSum,
                Math.max(maxColumnIndex, other.maxColumnIndex),
                Math.min(minLabel, other.minLabel), Math.max(maxLabel, other.maxLabel),
                allLabelsIntegral && other.allLabelsIntegral,
                Arrays.copyOf(union, count), more);
    }

    /** A copy of the distinct labels, ascending. */
    @Override
    public double[] distinctLabels() {
        return distinctLabels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSummary s && rows == s.rows
                && Double.compare(weightSum, s.weightSum) == 0
                && maxColumnIndex == s.maxColumnIndex
                && Double.compare(minLabel, s.minLabel) == 0
                && Double.compare(maxLabel, s.maxLabel) == 0
                && allLabelsIntegral == s.allLabelsIntegral
                && Arrays.equals(distinctLabels, s.distinctLabels)
                && moreDistinctLabels == s.moreDistinctLabels;
    }

    @Override
    public int hashCode() {
        int hash = Long.hashCode(rows);
        hash = 31 * hash + Double.hashCode(weightSum);
        hash = 31 * hash + maxColumnIndex;
        hash = 31 * hash + Double.hashCode(minLabel);
        hash = 31 * hash + Double.hashCode(maxLabel);
        hash = 31 * hash + Boolean.hashCode(allLabelsIntegral);
        hash = 31 * hash + Arrays.hashCode(distinctLabels);
        return 31 * hash + Boolean.hashCode(moreDistinctLabels);
    }

    @Override
    public String toString() {
        return "DataSummary[rows=" + rows + ", weightSum=" + weightSum + ", maxColumnIndex=" + maxColumnIndex
                + ", labels " + minLabel + ".." + maxLabel + (allLabelsIntegral ? " (integral)" : "")
                + ", distinct=" + Arrays.toString(distinctLabels) + (moreDistinctLabels ? " and more" : "") + "]";
    }
}
