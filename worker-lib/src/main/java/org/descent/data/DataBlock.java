package org.descent.data;

import java.io.Serializable;

/**
 * A cached chunk of training rows held as primitive arrays: the unit every gradient kernel
 * folds in. Rows are numbered 0..numRows()-1 in input order; labels and weights are parallel
 * {@code double[]} of that length. No per-row objects exist once a block is built.
 *
 * <p>Blocks are immutable by contract: kernels only read them, and the arrays are never
 * handed out for writing after {@link BlockBuilder} has produced them.
 */
public sealed interface DataBlock extends Serializable permits DenseRows, SparseBlock {

    int numRows();

    /** Width of every row; column indices are 0-based and below this. */
    int numFeatures();

    double[] labels();

    /** Sample weights, one per row (1.0 when the data gave none). */
    double[] weights();

    /** Bytes of feature data a full pass reads (values plus, for CSR, indices). */
    long featureBytes();

    /**
     * Copies row {@code row} into {@code dense} (length numFeatures()), zero-filling first.
     * A convenience for tests and evaluation, not for the gradient hot path.
     */
    void copyRowInto(int row, double[] dense);

    /**
     * This block with other sample weights (length numRows()), sharing every other array: how
     * class weights reach the cached data without a second copy of its features.
     */
    DataBlock withWeights(double[] newWeights);

    /**
     * A new block of the rows {@code rows} (ascending, each below numRows()), in that order,
     * with copies of their features, labels and weights: how a validation split keeps the
     * training rows and the held-out rows in two blocks that share nothing.
     */
    DataBlock selectRows(int[] rows);

    /** The labels or weights of {@code rows}, in order. */
    static double[] select(double[] perRow, int[] rows) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = perRow[rows[k]];
        }
        return out;
    }
}
