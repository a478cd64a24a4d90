package org.descent.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Each feature's weighted mean and variance over some rows, with the rows' sample weights as
 * the loss uses them (a row of weight 2 counts as two rows; a row of weight 0 not at all):
 * <pre>
 *   W = Σ_i w_i,   mean_j = Σ_i w_i x_ij / W,   variance_j = Σ_i w_i (x_ij − mean_j)² / W.
 * </pre>
 * The variance is the weighted population variance (divided by W, not W − 1): the spread of
 * the weighted rows the loss averages over, unchanged when every weight is multiplied by the
 * same factor. spark.ml divides by the unbiased denominator instead, a factor
 * {@code sqrt(W / (W − 1))} on the standard deviation that vanishes as the data grows.
 *
 * <p>Computed per block by {@link #of} and combined by {@link #merge}, so a fixed-order reduce
 * gives the same bits for the same partitioning. Numerically sound on raw data with large
 * offsets: a block's sums are taken in two passes (the mean first, then squared deviations
 * from it, never {@code Σx² − (Σx)²/W}, which cancels catastrophically), and blocks merge by
 * the pairwise update of Chan, Golub and LeVeque ("Algorithms for computing the sample
 * variance", The American Statistician 37, 1983), weighted as in West (Comm. ACM 22, 1979):
 * <pre>
 *   W = W_a + W_b,   δ = mean_b − mean_a,   mean = mean_a + δ W_b / W,
 *   M2 = M2_a + M2_b + δ² W_a W_b / W         (M2 = Σ w (x − mean)²).
 * </pre>
 *
 * <p>A feature is constant when its smallest and largest value over the rows of positive
 * weight are equal (for a sparse block, a missing entry is a 0). This is decided exactly from
 * the extremes, not from the variance, which rounding leaves a few ulps above 0 for a
 * constant such as 0.1.
 *
 * <p>Immutable: {@link #of} and {@link #merge} return new instances.
 */
public final class FeatureMoments implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double weightSum;
    private final double[] means;
    /** M2_j = Σ_i w_i (x_ij − mean_j)². */
    private final double[] squaredDeviations;
    private final double[] minima;
    private final double[] maxima;
    private final boolean sawSparseBlock;

    private FeatureMoments(double weightSum, double[] means, double[] squaredDeviations, double[] minima,
                           double[] maxima, boolean sawSparseBlock) {
        this.weightSum = weightSum;
        this.means = means;
        this.squaredDeviations = squaredDeviations;
        this.minima = minima;
        this.maxima = maxima;
        this.sawSparseBlock = sawSparseBlock;
    }

    /** The moments of no rows over {@code numFeatures} features; the identity of {@link #merge}. */
    public static FeatureMoments empty(int numFeatures) {
        if (numFeatures < 0) {
            throw new IllegalArgumentException("numFeatures must be >= 0, got " + numFeatures);
        }
        return new FeatureMoments(0, new double[numFeatures], new double[numFeatures],
                filled(numFeatures, Double.POSITIVE_INFINITY), filled(numFeatures, Double.NEGATIVE_INFINITY), false);
    }

    private static double[] filled(int length, double value) {
        double[] array = new double[length];
        Arrays.fill(array, value);
        return array;
    }

    /** The moments of one block's rows of positive weight, in two passes over them. */
    public static FeatureMoments of(DataBlock block) {
        if (block instanceof DenseRows dense) {
            return ofDense(dense);
        }
        if (block instanceof SparseBlock sparse) {
            return ofSparse(sparse);
        }
        throw new IllegalArgumentException("unsupported block type " + block.getClass().getName());
    }

    private static FeatureMoments ofDense(DenseRows block) {
        int d = block.numFeatures();
        double[] minima = filled(d, Double.POSITIVE_INFINITY);
        double[] maxima = filled(d, Double.NEGATIVE_INFINITY);
        double[] weights = block.weights();
        double[] row = new double[d];
        double[] means = new double[d];
        double weightSum = 0;
        for (int i = 0; i < block.numRows(); i++) {
            double w = weights[i];
            if (w == 0) {
                continue;
            }
            block.copyRowInto(i, row);
            weightSum += w;
            for (int j = 0; j < d; j++) {
                double x = row[j];
                means[j] += w * x;
                minima[j] = Math.min(minima[j], x);
                maxima[j] = Math.max(maxima[j], x);
            }
        }
        if (weightSum == 0) {
            return empty(d);
        }
        for (int j = 0; j < d; j++) {
            means[j] /= weightSum;
        }
        double[] squaredDeviations = new double[d];
        for (int i = 0; i < block.numRows(); i++) {
            double w = weights[i];
            if (w == 0) {
                continue;
            }
            block.copyRowInto(i, row);
            for (int j = 0; j < d; j++) {
                double deviation = row[j] - means[j];
                squaredDeviations[j] += w * deviation * deviation;
            }
        }
        return new FeatureMoments(weightSum, means, squaredDeviations, minima, maxima, false);
    }

    /**
     * CSR: the stored entries in two passes, then for each feature the rows that do not store
     * it, whose value 0 adds {@code (W − W_stored) · mean²} to M2. Work is proportional to the
     * non-zeros plus the feature count, never rows times features.
     */
    private static FeatureMoments ofSparse(SparseBlock block) {
        int d = block.numFeatures();
        double[] minima = filled(d, Double.POSITIVE_INFINITY);
        double[] maxima = filled(d, Double.NEGATIVE_INFINITY);
        double[] weights = block.weights();
        int[] rowPointers = block.rowPointers();
        int[] columns = block.columnIndices();
        double[] values = block.values();
        double[] means = new double[d];
        double[] storedWeight = new double[d];
        int[] storedRows = new int[d];
        double weightSum = 0;
        int weightedRows = 0;
        for (int i = 0; i < block.numRows(); i++) {
            double w = weights[i];
            if (w == 0) {
                continue;
            }
            weightSum += w;
            weightedRows++;
            for (int p = rowPointers[i]; p < rowPointers[i + 1]; p++) {
                int j = columns[p];
                double x = values[p];
                means[j] += w * x;
                storedWeight[j] += w;
                storedRows[j]++;
                minima[j] = Math.min(minima[j], x);
                maxima[j] = Math.max(maxima[j], x);
            }
        }
        if (weightSum == 0) {
            return new FeatureMoments(0, means, new double[d], minima, maxima, true);
        }
        for (int j = 0; j < d; j++) {
            means[j] /= weightSum;
        }
        double[] squaredDeviations = new double[d];
        for (int i = 0; i < block.numRows(); i++) {
            double w = weights[i];
            if (w == 0) {
                continue;
            }
            for (int p = rowPointers[i]; p < rowPointers[i + 1]; p++) {
                int j = columns[p];
                double deviation = values[p] - means[j];
                squaredDeviations[j] += w * deviation * deviation;
            }
        }
        for (int j = 0; j < d; j++) {
            if (storedRows[j] < weightedRows) {
                // The rows without an entry hold 0: weight W − W_stored, deviation −mean.
                squaredDeviations[j] += (weightSum - storedWeight[j]) * means[j] * means[j];
                minima[j] = Math.min(minima[j], 0.0);
                maxima[j] = Math.max(maxima[j], 0.0);
            }
        }
        return new FeatureMoments(weightSum, means, squaredDeviations, minima, maxima, true);
    }

    /** The moments of these rows and {@code other}'s together (see the class comment for the update). */
    public FeatureMoments merge(FeatureMoments other) {
        int d = numFeatures();
        if (other.numFeatures() != d) {
            throw new IllegalArgumentException("cannot merge the moments of " + d + " and " + other.numFeatures()
                    + " features");
        }
        boolean sparse = sawSparseBlock || other.sawSparseBlock;
        double[] minima = new double[d];
        double[] maxima = new double[d];
        for (int j = 0; j < d; j++) {
            minima[j] = Math.min(this.minima[j], other.minima[j]);
            maxima[j] = Math.max(this.maxima[j], other.maxima[j]);
        }
        // An empty side must leave the other's means exactly as they are (the general update
        // would compute mean_a + (mean_b − mean_a), which can differ from mean_b in the last bit).
        if (other.weightSum == 0 || weightSum == 0) {
            FeatureMoments kept = other.weightSum == 0 ? this : other;
            return new FeatureMoments(kept.weightSum, kept.means, kept.squaredDeviations, minima, maxima, sparse);
        }
        double total = weightSum + other.weightSum;
        double otherShare = other.weightSum / total;
        double cross = weightSum * other.weightSum / total;
        double[] means = new double[d];
        double[] squaredDeviations = new double[d];
        for (int j = 0; j < d; j++) {
            double delta = other.means[j] - this.means[j];
            means[j] = this.means[j] + delta * otherShare;
            squaredDeviations[j] = this.squaredDeviations[j] + other.squaredDeviations[j] + delta * delta * cross;
        }
        return new FeatureMoments(total, means, squaredDeviations, minima, maxima, sparse);
    }

    public int numFeatures() {
        return means.length;
    }

    /** W, the sum of the weights of the rows taken. */
    public double weightSum() {
        return weightSum;
    }

    /** Whether any block taken was sparse (CSR): such data is scaled but never centered. */
    public boolean sawSparseBlock() {
        return sawSparseBlock;
    }

    /** The weighted mean of feature j; 0 when no row had positive weight. */
    public double mean(int j) {
        return means[j];
    }

    /** The weighted population variance of feature j; exactly 0 for a {@link #isConstant constant} one. */
    public double variance(int j) {
        return isConstant(j) ? 0.0 : squaredDeviations[j] / weightSum;
    }

    /** The weighted population standard deviation of feature j. */
    public double standardDeviation(int j) {
        return Math.sqrt(variance(j));
    }

    /** Whether feature j takes one value on every row of positive weight (true when there is no such row). */
    public boolean isConstant(int j) {
        return !(minima[j] < maxima[j]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureMoments m && Double.compare(weightSum, m.weightSum) == 0
                && sawSparseBlock == m.sawSparseBlock && Arrays.equals(means, m.means)
                && Arrays.equals(squaredDeviations, m.squaredDeviations) && Arrays.equals(minima, m.minima)
                && Arrays.equals(maxima, m.maxima);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(weightSum) + Arrays.hashCode(means);
    }

    @Override
    public String toString() {
        return "FeatureMoments[" + numFeatures() + " features, weightSum=" + weightSum
                + (sawSparseBlock ? ", sparse" : "") + "]";
    }
}
