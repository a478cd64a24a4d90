package org.descent.data;

import org.descent.linalg.Blas1;

import java.util.Arrays;

/**
 * Rows stored densely, row-major, as {@code float}: feature j of row i is
 * {@code values[i * numFeatures + j]}, widened exactly to double wherever it is used. Half
 * the bytes of a {@link DenseBlock}, for data whose values need no more than float's 24-bit
 * significand (see {@link FeaturePrecision}).
 */
public record DenseFloatBlock(int numRows, int numFeatures, float[] values, double[] labels, double[] weights)
        implements DenseRows {

    public DenseFloatBlock {
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
    public DenseFloatBlock withWeights(double[] newWeights) {
        return new DenseFloatBlock(numRows, numFeatures, values, labels, newWeights);
    }

    @Override
    public DenseFloatBlock selectRows(int[] rows) {
        float[] selected = new float[rows.length * numFeatures];
        for (int k = 0; k < rows.length; k++) {
            System.arraycopy(values, rows[k] * numFeatures, selected, k * numFeatures, numFeatures);
        }
        return new DenseFloatBlock(rows.length, numFeatures, selected, DataBlock.select(labels, rows),
                DataBlock.select(weights, rows));
    }

    @Override
    public long featureBytes() {
        return (long) values.length * Float.BYTES;
    }

    @Override
    public void copyRowInto(int row, double[] dense) {
        int base = row * numFeatures;
        for (int j = 0; j < numFeatures; j++) {
            dense[j] = values[base + j];
        }
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
        return "DenseFloatBlock[" + numRows + " x " + numFeatures + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseFloatBlock b && numRows == b.numRows && numFeatures == b.numFeatures
                && Arrays.equals(values, b.values) && Arrays.equals(labels, b.labels)
                && Arrays.equals(weights, b.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(labels);
    }
}
