package org.descent.model;

import org.descent.data.DenseBlock;
import org.descent.data.SparseBlock;
import org.descent.loss.OutputLoss;
import org.descent.loss.SoftmaxCrossEntropy;
import org.descent.loss.SquaredLoss;

import java.util.Arrays;
import java.util.Random;

/**
 * Rows of a test problem as plain arrays ({@code x[i][j]}, labels, weights), convertible to
 * either block type by hand, so that kernel tests do not depend on the block builder. The
 * sparse form stores exactly the non-zero entries, in ascending column order.
 */
public record TestRows(double[][] x, double[] labels, double[] weights) {

    public TestRows {
        if (x.length != labels.length || x.length != weights.length) {
            throw new IllegalArgumentException("x, labels and weights must have one entry per row");
        }
    }

    public int numRows() {
        return x.length;
    }

    public DenseBlock toDense(int numFeatures) {
        double[] values = new double[x.length * numFeatures];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, values, i * numFeatures, numFeatures);
        }
        return new DenseBlock(x.length, numFeatures, values, labels.clone(), weights.clone());
    }

    public SparseBlock toSparse(int numFeatures) {
        int[] rowPointers = new int[x.length + 1];
        int nonZeros = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < numFeatures; j++) {
                if (x[i][j] != 0) {
                    nonZeros++;
                }
            }
            rowPointers[i + 1] = nonZeros;
        }
        int[] columns = new int[nonZeros];
        double[] values = new double[nonZeros];
        int p = 0;
        for (double[] row : x) {
            for (int j = 0; j < numFeatures; j++) {
                if (row[j] != 0) {
                    columns[p] = j;
                    values[p] = row[j];
                    p++;
                }
            }
        }
        return new SparseBlock(x.length, numFeatures, rowPointers, columns, values, labels.clone(), weights.clone());
    }

    /** The rows at the given indices, in that order. */
    public TestRows select(int[] rows) {
        double[][] xs = new double[rows.length][];
        double[] ls = new double[rows.length];
        double[] ws = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            xs[r] = x[rows[r]].clone();
            ls[r] = labels[rows[r]];
            ws[r] = weights[rows[r]];
        }
        return new TestRows(xs, ls, ws);
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive). */
    public TestRows slice(int from, int to) {
        int[] rows = new int[to - from];
        Arrays.setAll(rows, r -> from + r);
        return select(rows);
    }

    /** The same rows with every weight replaced by 1. */
    public TestRows withUnitWeights() {
        double[] ones = new double[x.length];
        Arrays.fill(ones, 1.0);
        return new TestRows(x, labels, ones);
    }

    /**
     * Seeded random rows: each feature is non-zero with probability {@code density} and then
     * standard normal; row 1 (when there are at least 2 rows) is all zeros, so every problem
     * contains an empty CSR row. Labels fit the loss: normal for squared loss, a class index
     * for softmax, and 0/1 (even seeds) or −1/+1 (odd seeds) for the logistic loss. Weights
     * are uniform in [0.1, 3) with row 0 set to 0, or all 1 when {@code unitWeights}.
     */
    public static TestRows random(long seed, int numRows, int numFeatures, double density, OutputLoss loss,
                                  boolean unitWeights) {
        Random random = new Random(seed);
        double[][] x = new double[numRows][numFeatures];
        double[] labels = new double[numRows];
        double[] weights = new double[numRows];
        for (int i = 0; i < numRows; i++) {
            for (int j = 0; j < numFeatures; j++) {
                if (i != 1 && random.nextDouble() < density) {
                    x[i][j] = random.nextGaussian();
                }
            }
            labels[i] = randomLabel(random, loss, seed);
            weights[i] = unitWeights ? 1.0 : 0.1 + 2.9 * random.nextDouble();
        }
        if (!unitWeights && numRows > 1) {
            weights[0] = 0.0;
        }
        return new TestRows(x, labels, weights);
    }

    private static double randomLabel(Random random, OutputLoss loss, long seed) {
        if (loss instanceof SquaredLoss) {
            return 2 * random.nextGaussian();
        }
        if (loss instanceof SoftmaxCrossEntropy softmax) {
            return random.nextInt(softmax.numClasses());
        }
        boolean positive = random.nextBoolean();
        return positive ? 1.0 : (seed % 2 == 0 ? 0.0 : -1.0);
    }
}
