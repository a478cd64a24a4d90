package org.descent.data;

import java.util.Arrays;

/**
 * Rows stored in compressed sparse row (CSR) form: the non-zeros of row i are at positions
 * {@code rowPointers[i] .. rowPointers[i+1]-1} of {@code columnIndices} (0-based, ascending
 * within a row) and {@code values}. Chosen where most entries are zero (typical LIBSVM data).
 */
public record SparseBlock(int numRows, int numFeatures, int[] rowPointers, int[] columnIndices, double[] values,
                          double[] labels, double[] weights) implements DataBlock {

    public SparseBlock {
        if (rowPointers.length != numRows + 1) {
            throw new IllegalArgumentException("rowPointers length " + rowPointers.length + " != numRows + 1");
        }
        if (columnIndices.length != values.length || rowPointers[numRows] != values.length) {
            throw new IllegalArgumentException("CSR arrays disagree on the number of non-zeros");
        }
        if (labels.length != numRows || weights.length != numRows) {
            throw new IllegalArgumentException("labels/weights length must equal numRows " + numRows);
        }
    }

    public int numNonZeros() {
        return values.length;
    }

    @Override
    public SparseBlock withWeights(double[] newWeights) {
        return new SparseBlock(numRows, numFeatures, rowPointers, columnIndices, values, labels, newWeights);
    }

    @Override
    public long featureBytes() {
        return (long) values.length * (Double.BYTES + Integer.BYTES) + (long) rowPointers.length * Integer.BYTES;
    }

    @Override
    public void copyRowInto(int row, double[] dense) {
        Arrays.fill(dense, 0, numFeatures, 0.0);
        for (int k = rowPointers[row]; k < rowPointers[row + 1]; k++) {
            dense[columnIndices[k]] = values[k];
        }
    }

    @Override
    public String toString() {
        return "SparseBlock[" + numRows + " x " + numFeatures + ", nnz=" + values.length + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseBlock b && numRows == b.numRows && numFeatures == b.numFeatures
                && Arrays.equals(rowPointers, b.rowPointers) && Arrays.equals(columnIndices, b.columnIndices)
                && Arrays.equals(values, b.values) && Arrays.equals(labels, b.labels)
                && Arrays.equals(weights, b.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(labels);
    }
}
