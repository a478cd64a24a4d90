package org.descent.data;

import org.descent.linalg.Blas1;

import java.util.Arrays;

/**
 * Rows stored densely, row-major: feature j of row i is {@code values[i * numFeatures + j]}.
 * Chosen for data whose rows are mostly non-zero (CSV, low-dimensional LIBSVM).
 */
public record DenseBlock(int numRows, int numFeatures, double[] values, double[] labels, double[] weights)
        implements DenseRows {

    public DenseBlock {
        if (numRows < 0 || numFeatures < 0) {
            throw new IllegalArgumentException("negative block shape " + numRows + " x " + numFeatures);
        }
        if (values.length != (long) numRows * numFeatures) {
            throw new IllegalArgumentException("values length " + values.length + " != " + numRows + " x " + numFeatures);
        }
        if (labels.length != numRows || weights.length != numRows) {
            throw new IllegalArgumentException("labels/weights length must equal numRows " + numRows);
        }
    }

    @Override
    public DenseBlock withWeights(double[] newWeights) {
        return new DenseBlock(numRows, numFeatures, values, labels, newWeights);
    }

    @Override
    public DenseBlock selectRows(int[] rows) {
        double[] selected = new double[rows.length * numFeatures];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(values, rows[k] * numFeatures, selected, k * numFeatures, numFeatures);
        }
        return new DenseBlock(rows.length, numFeatures, selected, DataBlock.select(labels, rows),
                DataBlock.select(weights, rows));
    }

    @Override
    public long featureBytes() {
        return (long) values.length * Double.BYTES;
    }

    @Override
    public void copyRowInto(int row, double[] dense) {
        System.arraycopy(values, row * numFeatures, dense, 0, numFeatures);
    }

    @Override
    public double dotRow(int row, double[] w, int wOffset, Blas1 blas) {
        return blas.dot(w, wOffset, values, row * numFeatures, numFeatures);
    }

    @Override
    public void addRowTo(int row, double a, double[] y, int yOffset, Blas1 blas) {
        blas.axpy(a, values, row * numFeatures, y, yOffset, numFeatures);
    }

    @Override
    public void dotFourRows(int[] rows, double[] w, int wOffset, Blas1 blas, double[] out) {
        blas.dot4(w, wOffset, values, rows[0] * numFeatures, rows[1] * numFeatures, rows[2] * numFeatures,
                rows[3] * numFeatures, numFeatures, out);
    }

    @Override
    public void addFourRowsTo(int[] rows, double[] a, double[] y, int yOffset, Blas1 blas) {
        blas.axpy4(a[0], a[1], a[2], a[3], values, rows[0] * numFeatures, rows[1] * numFeatures,
                rows[2] * numFeatures, rows[3] * numFeatures, y, yOffset, numFeatures);
    }

    @Override
    public String toString() {
        return "DenseBlock[" + numRows + " x " + numFeatures + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseBlock b && numRows == b.numRows && numFeatures == b.numFeatures
                && Arrays.equals(values, b.values) && Arrays.equals(labels, b.labels)
                && Arrays.equals(weights, b.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(labels);
    }
}
