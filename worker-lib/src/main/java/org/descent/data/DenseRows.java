package org.descent.data;

import org.descent.linalg.Blas1;

/**
 * A block whose rows are stored densely, row-major, whatever the element type: the two
 * operations the dense kernels need from a row, with all arithmetic in double. Kernels written
 * against this serve {@code double} and {@code float} storage alike.
 */
public sealed interface DenseRows extends DataBlock permits DenseBlock, DenseFloatBlock {

    /** {@code Σ_j w[wOffset + j] · x_row[j]} over the row's {@link #numFeatures()} values. */
    double dotRow(int row, double[] w, int wOffset, Blas1 blas);

    /** {@code y[yOffset + j] += a · x_row[j]} over the row's {@link #numFeatures()} values. */
    void addRowTo(int row, double a, double[] y, int yOffset, Blas1 blas);

    /**
     * {@link #dotRow} for the four rows {@code rows[0 .. 3]} at once, into {@code out[0 .. 3]},
     * with the same bits ({@link Blas1#dot4}).
     */
    void dotFourRows(int[] rows, double[] w, int wOffset, Blas1 blas, double[] out);

    /**
     * {@link #addRowTo} for the rows {@code rows[0 .. 3]} scaled by {@code a[0 .. 3]}, in that
     * order, with the same bits ({@link Blas1#axpy4}).
     */
    void addFourRowsTo(int[] rows, double[] a, double[] y, int yOffset, Blas1 blas);
}
