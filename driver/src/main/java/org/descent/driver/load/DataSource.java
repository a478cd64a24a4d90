package org.descent.driver.load;

import org.descent.data.BlockStorage;
import org.descent.data.CsvFormat;
import org.descent.data.FeaturePrecision;

import java.io.Serializable;

/**
 * Where training or evaluation data comes from and how to read it.
 *
 * @param path        any Hadoop path: file, directory, glob, comma-separated list; .gz is fine
 * @param format      how the files are read; {@code csv} holds the CSV layout, {@code columns}
 *                    the DataFrame formats' columns (null for the text formats)
 * @param numFeatures feature count, or 0 to infer it from the data (LIBSVM: largest index)
 * @param partitions  wanted number of partitions, or 0 for the cluster's default parallelism
 *                    (a .gz file is never split, so it is one partition however many are asked)
 * @param precision   how dense blocks hold feature values (float halves the bytes of a pass)
 * @param numFeaturesOrigin what a given feature count is, for a refusal of data beyond it: "the
 *                    model DIR", "the training data"; null for the {@code --num-features} option
 */
public record DataSource(String path, DataFormat format, CsvFormat csv, FrameColumns columns, int numFeatures,
                         int partitions, BlockStorage storage, FeaturePrecision precision, String numFeaturesOrigin)
        implements Serializable {

    public DataSource {
        if (numFeatures < 0) {
            throw new IllegalArgumentException("num-features must be >= 0 (0 infers it), got " + numFeatures);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0 (0 for the default), got " + partitions);
        }
        if (precision == null) {
            throw new IllegalArgumentException("precision must be given (double or float)");
        }
        if (!format.isText() && columns == null) {
            throw new IllegalArgumentException(format.spelling() + " data needs its columns named");
        }
    }

    /** A text source (LIBSVM or CSV), with the feature count known to a named origin or not. */
    public DataSource(String path, DataFormat format, CsvFormat csv, int numFeatures, int partitions,
                      BlockStorage storage, FeaturePrecision precision, String numFeaturesOrigin) {
        this(path, format, csv, null, numFeatures, partitions, storage, precision, numFeaturesOrigin);
    }

    /** A source with its feature count (if any) from the {@code --num-features} option. */
    public DataSource(String path, DataFormat format, CsvFormat csv, int numFeatures, int partitions,
                      BlockStorage storage, FeaturePrecision precision) {
        this(path, format, csv, numFeatures, partitions, storage, precision, null);
    }

    /** A source whose dense blocks hold doubles. */
    public DataSource(String path, DataFormat format, CsvFormat csv, int numFeatures, int partitions,
                      BlockStorage storage) {
        this(path, format, csv, numFeatures, partitions, storage, FeaturePrecision.DOUBLE);
    }

    /**
     * Held-out data beside this training source: another path, the same format and layout, the
     * training data's feature count. Scored, not trained on, so its dense blocks keep doubles.
     */
    public DataSource heldOut(String otherPath, int knownFeatures) {
        return new DataSource(otherPath, format, csv, columns, knownFeatures, partitions, storage,
                FeaturePrecision.DOUBLE, "the training data");
    }

    /**
     * The same source read with a known feature count, that of {@code origin}, as a refusal of
     * wider data names it: evaluation data for "the model DIR".
     */
    public DataSource withNumFeatures(int n, String origin) {
        return new DataSource(path, format, csv, columns, n, partitions, storage, precision, origin);
    }

    /** The same source with its rows laid out as {@code layout} says (format, CSV layout, columns). */
    public DataSource withLayout(DataLayout layout) {
        return new DataSource(path, layout.format(), layout.csv(), layout.columns(), numFeatures, partitions, storage,
                precision, numFeaturesOrigin);
    }

    /** How the rows are laid out in the files, without where they are or how they are cached. */
    public DataLayout layout() {
        return new DataLayout(format, csv, columns);
    }

    /** The given feature count and where it comes from: "--num-features is 5", "the model m has 5 features". */
    public String declaredFeatures() {
        return numFeaturesOrigin == null ? "--num-features is " + numFeatures
                : numFeaturesOrigin + " has " + numFeatures + " feature" + (numFeatures == 1 ? "" : "s");
    }
}
