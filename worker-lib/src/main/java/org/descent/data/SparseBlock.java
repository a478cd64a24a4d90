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
    public SparseBlock selectRows(int[] rows) {
        int[] pointers = new int[rows.length + 1];
        for (int k = 0; k < rows.length; k++) {
            pointers[k + 1] = pointers[k] + rowPointers[rows[k] + 1] - rowPointers[rows[k]];
        }
        int[] columns = new int[pointers[rows.length]];
        double[] selected = new double[pointers[rows.length]];
        for (int k = 0; k < rows.length; k++) {
            int from = rowPointers[rows[k]];
            int length = pointers[k + 1] - pointers[k];
            System.arraycopy(columnIndices, from, columns, pointers[k], length);
            System.arraycopy(values, from, selected, pointers[k], length);
        }
        return new SparseBlock(rows.length, numFeatures, pointers, columns, selected, DataBlock.select(labels, rows),
                DataBlock.select(weights, rows));
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
