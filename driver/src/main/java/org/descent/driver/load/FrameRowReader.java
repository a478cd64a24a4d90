package org.descent.driver.load;

import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.descent.data.BlockBuilder;

import java.io.Serializable;
import java.util.List;

/**
 * Reads the rows of a {@link FrameProjection} into a {@link BlockBuilder}, checking every value
 * on the way: a label, weight or feature that is null, NaN or infinite, a negative weight, or
 * a vector of another size than expected stops the row with a {@link RowFault} naming its
 * column, and leaves the builder as it was.
 *
 * <p>What is stored is what the text formats store for the same row: a sparse vector keeps
 * every value it stores, explicit zeros included (as a LIBSVM line does, and as Spark's own
 * LIBSVM source keeps them in its vectors); dense vectors, arrays and numeric columns store
 * their non-zero values only (as CSV does). The same rows therefore give the same blocks.
 *
 * <p>The projection has the label first (if read), then the weight (if read), then the
 * features: one vector or array column, or one numeric column per feature; every numeric
 * column already cast to double.
 */
public final class FrameRowReader implements Serializable {

    /** Where the features of a row come from. */
    enum Features {
        /** One spark.ml (or spark.mllib) Vector column. */
        VECTOR,
        /** One array column, cast to array of double. */
        ARRAY,
        /** One double column per feature. */
        COLUMNS
    }

    private static final String FINITE = "a finite number";

    private final String label;
    private final String weight;
    private final Features features;
    /** Names of the feature columns: the one vector or array column, or every numeric one. */
    private final String[] featureNames;

    FrameRowReader(String label, String weight, Features features, List<String> featureNames) {
        this.label = label;
        this.weight = weight;
        this.features = features;
        this.featureNames = featureNames.toArray(String[]::new);
    }

    /** The feature count every row has, or -1 when it is each vector's own size. */
    public int fixedWidth() {
        return features == Features.COLUMNS ? featureNames.length : -1;
    }

    /** How many columns of the projection the reader reads; the projection's further columns are the caller's. */
    public int columnsRead() {
        return (label != null ? 1 : 0) + (weight != null ? 1 : 0)
                + (features == Features.COLUMNS ? featureNames.length : 1);
    }

    /** The name of the column that holds the features (the vector column), or of the first numeric one. */
    String featureColumn() {
        return featureNames[0];
    }

    /**
     * The number of features of a row: its vector's size or array's length, or the number of
     * feature columns; -1 when its vector or array is null (reading it then reports that).
     */
    public int width(Row row) {
        int at = firstFeature();
        return switch (features) {
            case COLUMNS -> featureNames.length;
            case VECTOR -> row.isNullAt(at) ? -1 : vector(row.get(at)).size();
            case ARRAY -> row.isNullAt(at) ? -1 : row.getList(at).size();
        };
    }

    /**
     * Appends {@code row} to {@code out}, or reports why it cannot be.
     *
     * @param expectedWidth the size every vector or array must have, or -1 for any
     * @param widthOrigin   why it must have that size, for the fault ("the model m has 4 features")
     * @return null when the row was added; otherwise its fault, and {@code out} is unchanged
     */
    public RowFault read(Row row, BlockBuilder out, int expectedWidth, String widthOrigin) {
        double y = 0.0;
        int at = 0;
        if (label != null) {
            if (row.isNullAt(at)) {
                return new RowFault(label, "is null", FINITE);
            }
            y = row.getDouble(at);
            RowFault bad = notFinite(label, y, FINITE);
            if (bad != null) {
                return bad;
            }
            at++;
        }
        double w = 1.0;
        if (weight != null) {
            if (row.isNullAt(at)) {
                return new RowFault(weight, "is null", FINITE + " >= 0");
            }
            w = row.getDouble(at);
            RowFault bad = notFinite(weight, w, FINITE + " >= 0");
            if (bad != null) {
                return bad;
            }
            if (w < 0) {
                return new RowFault(weight, "is negative (" + w + ")", FINITE + " >= 0");
            }
            at++;
        }
        if (features != Features.COLUMNS) {
            RowFault bad = checkVector(row, at, expectedWidth, widthOrigin);
            if (bad != null) {
                return bad;
            }
        }
        out.startRow(y, w);
        RowFault fault = switch (features) {
            case VECTOR -> addVector(vector(row.get(at)), out);
            case ARRAY -> addArray(row.getList(at), out);
            case COLUMNS -> addColumns(row, at, out);
        };
        if (fault != null) {
            out.discardRow();
            return fault;
        }
        out.endRow();
        return null;
    }

    private int firstFeature() {
        return (label != null ? 1 : 0) + (weight != null ? 1 : 0);
    }

    private RowFault checkVector(Row row, int at, int expectedWidth, String widthOrigin) {
        String name = featureNames[0];
        String what = features == Features.VECTOR ? "a vector" : "an array";
        if (row.isNullAt(at)) {
            return new RowFault(name, "is null", what + " of numbers");
        }
        int size = features == Features.VECTOR ? vector(row.get(at)).size() : row.getList(at).size();
        if (expectedWidth >= 0 && size != expectedWidth) {
            return new RowFault(name, "is " + what + " of size " + size,
                    "size " + expectedWidth + " (" + widthOrigin + ")");
        }
        return null;
    }

    /** A spark.ml vector from a column's value; spark.mllib's older vectors convert without copying. */
    private static Vector vector(Object value) {
        if (value instanceof org.apache.spark.mllib.linalg.Vector old) {
            return old.asML();
        }
        return (Vector) value;
    }

    private RowFault addVector(Vector v, BlockBuilder out) {
        String name = featureNames[0];
        if (v instanceof SparseVector sparse) {
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int k = 0; k < indices.length; k++) {
                RowFault bad = holdsNotFinite(name, values[k]);
                if (bad != null) {
                    return bad;
                }
                out.addFeature(indices[k], values[k]);
            }
            return null;
        }
        double[] values = ((DenseVector) v).values();
        for (int j = 0; j < values.length; j++) {
            RowFault bad = holdsNotFinite(name, values[j]);
            if (bad != null) {
                return bad;
            }
            if (values[j] != 0) {
                out.addFeature(j, values[j]);
            }
        }
        return null;
    }

    private RowFault addArray(List<Object> values, BlockBuilder out) {
        String name = featureNames[0];
        int j = 0;
        for (Object element : values) {
            if (element == null) {
                return new RowFault(name, "holds a null", "finite values");
            }
            double x = (Double) element;
            RowFault bad = holdsNotFinite(name, x);
            if (bad != null) {
                return bad;
            }
            if (x != 0) {
                out.addFeature(j, x);
            }
            j++;
        }
        return null;
    }

    private RowFault addColumns(Row row, int first, BlockBuilder out) {
        for (int j = 0; j < featureNames.length; j++) {
            if (row.isNullAt(first + j)) {
                return new RowFault(featureNames[j], "is null", FINITE);
            }
            double x = row.getDouble(first + j);
            RowFault bad = notFinite(featureNames[j], x, FINITE);
            if (bad != null) {
                return bad;
            }
            if (x != 0) {
                out.addFeature(j, x);
            }
        }
        return null;
    }

    /** A scalar column that is not finite ("is NaN"), or null. */
    private static RowFault notFinite(String column, double x, String allowed) {
        return Double.isFinite(x) ? null : new RowFault(column, "is " + x, allowed);
    }

    /** A vector or array column holding a value that is not finite ("holds NaN"), or null. */
    private static RowFault holdsNotFinite(String column, double x) {
        return Double.isFinite(x) ? null : new RowFault(column, "holds " + x, "finite values");
    }
}
