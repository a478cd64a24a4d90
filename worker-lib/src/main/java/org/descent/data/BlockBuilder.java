package org.descent.data;

import java.util.Arrays;

/**
 * Accumulates parsed rows into growing primitive arrays and turns them into a
 * {@link DataBlock}. Rows are held in compressed sparse row (CSR) form while they arrive:
 * {@code rowPointers[i] .. rowPointers[i+1]-1} index the stored entries of row i in
 * {@code columnIndices} (0-based) and {@code values}; {@code labels[i]} and {@code weights[i]}
 * are parallel. Every array grows by doubling, so adding a row costs amortized O(its entries)
 * and creates no per-row objects.
 *
 * <p>Rows are written with {@link #startRow}, any number of {@link #addFeature} calls with
 * strictly ascending columns, then {@link #endRow}. Every value given is stored, zeros
 * included: a parser that wants zeros dropped simply does not add them (LIBSVM keeps explicit
 * zeros so that, as in Spark's {@code MLUtils.loadLibSVMFile}, an index mentioned only with a
 * zero still counts towards the number of features).
 *
 * <p>The builder checks the structure it is given (finite numbers, non-negative weights,
 * ascending columns) and throws {@link IllegalArgumentException} or
 * {@link IllegalStateException} on misuse; reporting bad <em>input</em> with its position is
 * the parsers' job ({@link MalformedDataException}), done before the builder sees it.
 *
 * <p>Not thread-safe: one builder per task.
 */
public final class BlockBuilder {

    /**
     * Smallest fraction of stored cells for which {@link BlockStorage#AUTO} chooses dense
     * storage. A dense cell costs 8 bytes and a CSR entry 12 (value plus index), so memory
     * breaks even at 2/3; dense loops also avoid the indirect index load, so dense is chosen a
     * little earlier, at one half.
     */
    public static final double DENSE_MIN_DENSITY = 0.5;

    /**
     * Largest array length every JVM can allocate (the JDK's own soft limit,
     * {@code ArraysSupport.SOFT_MAX_ARRAY_LENGTH}); some VMs reserve header words in the last
     * few slots below {@code Integer.MAX_VALUE}.
     */
    static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private static final int DEFAULT_ROW_CAPACITY = 64;
    private static final int DEFAULT_ENTRY_CAPACITY = 256;

    private int[] rowPointers;
    private int[] columnIndices;
    private double[] values;
    private double[] labels;
    private double[] weights;

    private int numRows;
    private int numEntries;
    private int maxColumnIndex = -1;

    private boolean rowOpen;
    private int lastColumnInRow;
    private int maxColumnIndexBeforeRow;

    /** A builder with small initial arrays, which grow as needed. */
    public BlockBuilder() {
        this(DEFAULT_ROW_CAPACITY, DEFAULT_ENTRY_CAPACITY);
    }

    /**
     * A builder sized for about {@code expectedRows} rows holding {@code expectedEntries}
     * stored values in total; it still grows past either.
     */
    public BlockBuilder(int expectedRows, int expectedEntries) {
        if (expectedRows < 0 || expectedEntries < 0) {
            throw new IllegalArgumentException(
                    "expected sizes must be >= 0, got rows=" + expectedRows + ", entries=" + expectedEntries);
        }
        int rowCapacity = Math.min(Math.max(expectedRows, 1), MAX_ARRAY_LENGTH - 1);
        rowPointers = new int[rowCapacity + 1];
        labels = new double[rowCapacity];
        weights = new double[rowCapacity];
        columnIndices = new int[Math.min(Math.max(expectedEntries, 1), MAX_ARRAY_LENGTH)];
        values = new double[columnIndices.length];
    }

    /**
     * Opens a new row.
     *
     * @param label  the row's target; must be finite
     * @param weight the row's sample weight; must be finite and {@code >= 0}
     */
    public void startRow(double label, double weight) {
        if (rowOpen) {
            throw new IllegalStateException("row " + numRows + " is still open: call endRow() first");
        }
        if (!Double.isFinite(label)) {
            throw new IllegalArgumentException("label must be finite, got " + label + " in row " + numRows);
        }
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("weight must be finite and >= 0, got " + weight + " in row " + numRows);
        }
        if (numRows == labels.length) {
            growRows(numRows + 1L);
        }
        labels[numRows] = label;
        weights[numRows] = weight;
        rowOpen = true;
        lastColumnInRow = -1;
        maxColumnIndexBeforeRow = maxColumnIndex;
    }

    /**
     * Stores feature {@code column} (0-based) of the open row. Columns must be strictly
     * ascending within a row; the value must be finite and is stored even when zero.
     */
    public void addFeature(int column, double value) {
        if (!rowOpen) {
            throw new IllegalStateException("addFeature called with no open row: call startRow() first");
        }
        if (column <= lastColumnInRow) {
            throw new IllegalArgumentException(column < 0
                    ? "column must be >= 0, got " + column
                    : "columns must be strictly ascending within a row, " + column + " after " + lastColumnInRow);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, got " + value + " in column " + column);
        }
        if (numEntries == values.length) {
            growEntries(numEntries + 1L);
        }
        columnIndices[numEntries] = column;
        values[numEntries] = value;
        numEntries++;
        lastColumnInRow = column;
        if (column > maxColumnIndex) {
            maxColumnIndex = column;
        }
    }

    /** Closes the open row, making it part of the block. */
    public void endRow() {
        if (!rowOpen) {
            throw new IllegalStateException("endRow called with no open row");
        }
        numRows++;
        rowPointers[numRows] = numEntries;
        rowOpen = false;
    }

    /**
     * Abandons the open row, leaving the builder exactly as it was before {@link #startRow}.
     * Parsers call this when a line turns out to be malformed halfway through.
     */
    public void discardRow() {
        if (!rowOpen) {
            throw new IllegalStateException("discardRow called with no open row");
        }
        numEntries = rowPointers[numRows];
        maxColumnIndex = maxColumnIndexBeforeRow;
        rowOpen = false;
    }

    /**
     * Appends rows {@code from .. to-1} of {@code block} as they are: the same as adding each
     * row's entries one by one with {@link #startRow}, {@link #addFeature} and {@link #endRow},
     * with the same checks, but in bulk (array copies, one checking pass), for a loader that
     * regroups rows it has already parsed.
     */
    public void appendRows(SparseBlock block, int from, int to) {
        if (rowOpen) {
            throw new IllegalStateException("row " + numRows + " is still open: call endRow() first");
        }
        if (from < 0 || to > block.numRows() || from > to) {
            throw new IllegalArgumentException("rows " + from + ".." + to + " are not rows of a block of "
                    + block.numRows());
        }
        int[] pointers = block.rowPointers();
        int[] indices = block.columnIndices();
        double[] source = block.values();
        int first = pointers[from];
        int rows = to - from;
        int entries = pointers[to] - first;
        if (numRows + (long) rows > labels.length) {
            growRows(numRows + (long) rows);
        }
        if (numEntries + (long) entries > values.length) {
            growEntries(numEntries + (long) entries);
        }
        int max = maxColumnIndex;
        for (int i = from; i < to; i++) {
            int row = numRows + i - from;
            double label = block.labels()[i];
            double weight = block.weights()[i];
            if (!Double.isFinite(label)) {
                throw new IllegalArgumentException("label must be finite, got " + label + " in row " + row);
            }
            if (!Double.isFinite(weight) || weight < 0) {
                throw new IllegalArgumentException("weight must be finite and >= 0, got " + weight + " in row " + row);
            }
            labels[row] = label;
            weights[row] = weight;
            int previous = -1;
            for (int k = pointers[i]; k < pointers[i + 1]; k++) {
                int column = indices[k];
                if (column <= previous) {
                    throw new IllegalArgumentException(column < 0 ? "column must be >= 0, got " + column
                            : "columns must be strictly ascending within a row, " + column + " after " + previous);
                }
                if (!Double.isFinite(source[k])) {
                    throw new IllegalArgumentException("value must be finite, got " + source[k] + " in column " + column);
                }
                previous = column;
            }
            max = Math.max(max, previous);
        }
        System.arraycopy(indices, first, columnIndices, numEntries, entries);
        System.arraycopy(source, first, values, numEntries, entries);
        for (int i = 0; i < rows; i++) {
            rowPointers[numRows + i + 1] = numEntries + pointers[from + i + 1] - first;
        }
        numRows += rows;
        numEntries += entries;
        maxColumnIndex = max;
    }

    /** Forgets every row, keeping the allocated arrays for the next block. */
    public void clear() {
        numRows = 0;
        numEntries = 0;
        maxColumnIndex = -1;
        rowOpen = false;
    }

    /** Completed rows (an open row is not counted). */
    public int numRows() {
        return numRows;
    }

    /** The label of completed row {@code row} (0-based). */
    public double label(int row) {
        if (row < 0 || row >= numRows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + numRows + " completed rows");
        }
        return labels[row];
    }

    /** Values stored so far in completed rows and the open one, zeros included. */
    public int numEntries() {
        return numEntries;
    }

    /** Largest 0-based column stored so far, or -1 if no value has been stored. */
    public int maxColumnIndex() {
        return maxColumnIndex;
    }

    /**
     * Returns a block of the completed rows, {@code numFeatures} wide. Its arrays are fresh
     * copies of exact length, so the builder may keep growing (or be {@link #clear cleared})
     * without touching the block.
     *
     * <p>With {@link BlockStorage#AUTO} the block is dense when
     * {@code numEntries >= DENSE_MIN_DENSITY * rows * numFeatures} and the dense array fits,
     * else sparse; a block with no cells at all is sparse.
     *
     * @throws IllegalArgumentException if a stored column is {@code >= numFeatures}, or
     *                                  {@link BlockStorage#DENSE} is asked for a block too large for one array
     * @throws IllegalStateException    if a row is still open
     */
    public DataBlock build(int numFeatures, BlockStorage storage) {
        return build(numFeatures, storage, FeaturePrecision.DOUBLE);
    }

    /**
     * As {@link #build(int, BlockStorage)}, a dense block holding its values as
     * {@code precision} says ({@link DenseFloatBlock} for {@link FeaturePrecision#FLOAT}); a
     * sparse block keeps double values.
     */
    public DataBlock build(int numFeatures, BlockStorage storage, FeaturePrecision precision) {
        if (rowOpen) {
            throw new IllegalStateException("row " + numRows + " is still open: call endRow() or discardRow() first");
        }
        if (numFeatures < 0) {
            throw new IllegalArgumentException("numFeatures must be >= 0, got " + numFeatures);
        }
        if (maxColumnIndex >= numFeatures) {
            throw new IllegalArgumentException("column " + maxColumnIndex + " (0-based) is outside a block of "
                    + numFeatures + " features");
        }
        long cells = (long) numRows * numFeatures;
        boolean denseFits = cells <= MAX_ARRAY_LENGTH;
        boolean dense = switch (storage) {
            case DENSE -> {
                if (!denseFits) {
                    throw new IllegalArgumentException("a dense block of " + numRows + " x " + numFeatures
                            + " cells does not fit in one array (at most " + MAX_ARRAY_LENGTH + ")");
                }
                yield true;
            }
            case SPARSE -> false;
            case AUTO -> denseFits && cells > 0 && numEntries >= DENSE_MIN_DENSITY * cells;
        };
        if (!dense) {
            return buildSparse(numFeatures);
        }
        return precision == FeaturePrecision.FLOAT ? buildDenseFloat(numFeatures) : buildDense(numFeatures);
    }

    private DenseFloatBlock buildDenseFloat(int numFeatures) {
        float[] cells = new float[numRows * numFeatures];
        for (int row = 0; row < numRows; row++) {
            int offset = row * numFeatures;
            for (int k = rowPointers[row]; k < rowPointers[row + 1]; k++) {
                cells[offset + columnIndices[k]] = (float) values[k];
            }
        }
        return new DenseFloatBlock(numRows, numFeatures, cells,
                Arrays.copyOf(labels, numRows), Arrays.copyOf(weights, numRows));
    }

    private DenseBlock buildDense(int numFeatures) {
        double[] cells = new double[numRows * numFeatures];
        for (int row = 0; row < numRows; row++) {
            int offset = row * numFeatures;
            for (int k = rowPointers[row]; k < rowPointers[row + 1]; k++) {
                cells[offset + columnIndices[k]] = values[k];
            }
        }
        return new DenseBlock(numRows, numFeatures, cells,
                Arrays.copyOf(labels, numRows), Arrays.copyOf(weights, numRows));
    }

    private SparseBlock buildSparse(int numFeatures) {
        return new SparseBlock(numRows, numFeatures,
                Arrays.copyOf(rowPointers, numRows + 1),
                Arrays.copyOf(columnIndices, numEntries),
                Arrays.copyOf(values, numEntries),
                Arrays.copyOf(labels, numRows),
                Arrays.copyOf(weights, numRows));
    }

    /** Room for at least {@code needed} rows. */
    private void growRows(long needed) {
        // rowPointers needs one slot more than the row count
        int capacity = grownCapacity(labels.length, needed, MAX_ARRAY_LENGTH - 1, "rows");
        labels = Arrays.copyOf(labels, capacity);
        weights = Arrays.copyOf(weights, capacity);
        rowPointers = Arrays.copyOf(rowPointers, capacity + 1);
    }

    /** Room for at least {@code needed} stored values. */
    private void growEntries(long needed) {
        int capacity = grownCapacity(values.length, needed, MAX_ARRAY_LENGTH, "stored values");
        columnIndices = Arrays.copyOf(columnIndices, capacity);
        values = Arrays.copyOf(values, capacity);
    }

    /** Doubles {@code current}, but to at least {@code needed} and at most {@code limit}. */
    private static int grownCapacity(int current, long needed, int limit, String what) {
        if (needed > limit) {
            throw new IllegalStateException("a block cannot hold more than " + limit + " " + what
                    + ": use smaller blocks");
        }
        return (int) Math.min(limit, Math.max(needed, 2L * current));
    }
}
