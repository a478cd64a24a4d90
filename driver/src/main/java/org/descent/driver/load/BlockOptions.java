package org.descent.driver.load;

import org.descent.data.BlockStorage;
import org.descent.data.FeaturePrecision;
import org.descent.driver.UserInputException;

import java.util.Locale;

/**
 * How {@link FrameLoader} caches a DataFrame's rows, and what it expects of them.
 *
 * @param partitions        partitions to cache the rows in, or 0 for the default: one per core
 *                          of the cluster ({@link DefaultPartitions}), more where a block would
 *                          pass 1 GB
 * @param storage           dense or CSR blocks, or chosen by density
 * @param precision         how dense blocks hold feature values
 * @param numFeatures       the feature count every row must have, or 0 to take it from the data
 * @param numFeaturesOrigin what that count is, for a refusal ("the model m"); null when given
 *                          by the {@code --num-features} option
 * @param name              what the data is in messages (its path); null to let the loader say
 *                          (its one file, or "the DataFrame")
 */
public record BlockOptions(int partitions, BlockStorage storage, FeaturePrecision precision, int numFeatures,
                           String numFeaturesOrigin, String name) {

    /** One partition per core of the cluster. */
    public static final int DEFAULT_PARTITIONS = 0;
    /** Dense or CSR chosen by density, as {@link #storage(String)} reads it. */
    public static final String DEFAULT_STORAGE = "auto";
    /** Doubles, as {@link #precision(String)} reads it. */
    public static final String DEFAULT_PRECISION = "double";

    public BlockOptions {
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0 (0 for the default), got " + partitions);
        }
        if (numFeatures < 0) {
            throw new IllegalArgumentException("numFeatures must be >= 0 (0 takes it from the data), got " + numFeatures);
        }
        if (storage == null || precision == null) {
            throw new IllegalArgumentException("storage and precision must be given");
        }
    }

    /** The default partitions, storage chosen by density, doubles, the feature count taken from the data. */
    public static BlockOptions defaults() {
        return new BlockOptions(DEFAULT_PARTITIONS, storage(DEFAULT_STORAGE), precision(DEFAULT_PRECISION), 0, null, null);
    }

    /** The storage spelled {@code text} ({@code --storage}): auto, dense or sparse, any case. */
    public static BlockStorage storage(String text) {
        try {
            return BlockStorage.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("storage: unknown value '" + text + "'; allowed: auto, dense, sparse");
        }
    }

    /** The precision spelled {@code text} ({@code --precision}): double or float, any case. */
    public static FeaturePrecision precision(String text) {
        try {
            return FeaturePrecision.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("precision: unknown value '" + text + "'; allowed: double, float");
        }
    }

    /** The options a {@link DataSource} gives, for the DataFrame its files are read into. */
    public static BlockOptions of(DataSource source) {
        return new BlockOptions(source.partitions(), source.storage(), source.precision(), source.numFeatures(),
                source.numFeaturesOrigin(), source.path());
    }

    public BlockOptions withPartitions(int n) {
        return new BlockOptions(n, storage, precision, numFeatures, numFeaturesOrigin, name);
    }

    public BlockOptions withStorage(BlockStorage newStorage, FeaturePrecision newPrecision) {
        return new BlockOptions(partitions, newStorage, newPrecision, numFeatures, numFeaturesOrigin, name);
    }

    /** Rows must have {@code n} features, as {@code origin} has ("the model m"; null for --num-features). */
    public BlockOptions withNumFeatures(int n, String origin) {
        return new BlockOptions(partitions, storage, precision, n, origin, name);
    }

    public BlockOptions named(String newName) {
        return new BlockOptions(partitions, storage, precision, numFeatures, numFeaturesOrigin, newName);
    }

    /** The given feature count and where it comes from: "--num-features is 5", "the model m has 5 features". */
    public String declaredFeatures() {
        return numFeaturesOrigin == null ? "--num-features is " + numFeatures
                : numFeaturesOrigin + " has " + numFeatures + " feature" + (numFeatures == 1 ? "" : "s");
    }
}
