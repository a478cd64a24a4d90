package org.descent.driver.cli;

import org.descent.data.BlockStorage;
import org.descent.data.CsvFormat;
import org.descent.data.FeaturePrecision;
import org.descent.driver.UserInputException;
import org.descent.driver.load.BlockOptions;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLayout;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.FrameColumns;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * Where the data is and how to read it: shared by train, evaluate and predict (and compare).
 *
 * <p>The options that say how rows are laid out (format, columns, CSV header and delimiter)
 * have no default of their own here: what is not given comes from the layout a model recorded
 * at training, when evaluate and predict read data of that same format, else from the
 * format's defaults (see {@link #toSource(DataLayout)}).
 */
public final class DataOptions {

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "Data path on any Hadoop file system: file, directory, glob or comma list; .gz is read.")
    String data;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Input format: libsvm, csv, parquet, orc or json (JSON Lines). Default: libsvm; "
                    + "for evaluate and predict, the training data's.")
    String format;

    @Option(names = "--label-col", paramLabel = "NAME|INDEX",
            description = "The label column: csv by header name or 0-based index (default 0); parquet, orc, json "
                    + "by name (default: label).")
    String labelColumn;

    @Option(names = "--weight-col", paramLabel = "NAME|INDEX",
            description = "A sample-weight column: csv, parquet, orc, json (default: none; for evaluate, the "
                    + "training data's, which 'none' drops).")
    String weightColumn;

    @Option(names = "--features-col", paramLabel = "NAME",
            description = "parquet, orc, json: the column holding each row's features, a spark.ml Vector (dense or "
                    + "sparse) or an array of numbers (default: features).")
    String featuresColumn;

    @Option(names = "--feature-cols", split = ",", splitSynopsisLabel = ",", paramLabel = "COL",
            description = "parquet, orc, json: numeric columns, one feature each in this order, instead of "
                    + "--features-col.")
    List<String> featureColumns;

    @Option(names = "--header", arity = "0..1", fallbackValue = "true",
            description = "csv: the first line of each file is a header.")
    Boolean header;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "csv field delimiter (default: ','); 'tab' for a tab.")
    String delimiter;

    @Option(names = "--num-features", defaultValue = "0", paramLabel = "N",
            description = "Feature count; 0 infers it from the data (default).")
    int numFeatures;

    @Option(names = "--partitions", defaultValue = "" + BlockOptions.DEFAULT_PARTITIONS, paramLabel = "N",
            description = "Partitions to split the data into; 0 for Spark's default parallelism.")
    int partitions;

    @Option(names = "--storage", defaultValue = BlockOptions.DEFAULT_STORAGE, paramLabel = "auto|dense|sparse",
            description = "How cached blocks store features: auto picks dense or CSR by density (default).")
    String storage;

    @Option(names = "--precision", defaultValue = BlockOptions.DEFAULT_PRECISION, paramLabel = "double|float",
            description = "How dense blocks store feature values: double (default), or float, which halves the "
                    + "memory and the bytes each pass reads; sums are always double.")
    String precision;

    /** The {@code --weight-col} value that asks for no weights where a model recorded a weight column. */
    static final String NO_WEIGHT = "none";

    /** The data path as given. */
    public String path() {
        return data;
    }

    public DataSource toSource() {
        return toSource(null);
    }

    /**
     * The source these options describe. Layout options not given are taken from
     * {@code recorded} (a model's training data) when it is of the same format, or when no
     * format is given; otherwise from the format's defaults.
     *
     * @param recorded the training data's layout, or null
     */
    public DataSource toSource(DataLayout recorded) {
        DataFormat dataFormat = format != null ? DataFormat.parse(format)
                : recorded != null ? recorded.format() : DataFormat.LIBSVM;
        DataLayout defaults = recorded != null && recorded.format() == dataFormat ? recorded : null;
        BlockStorage blockStorage = BlockOptions.storage(storage);
        FeaturePrecision featurePrecision = BlockOptions.precision(precision);
        try {
            if (dataFormat.isText()) {
                onlyFor("features-col", featuresColumn, "parquet, orc and json", dataFormat);
                onlyFor("feature-cols", featureColumns, "parquet, orc and json", dataFormat);
                return new DataSource(data, dataFormat, csv(defaults == null ? null : defaults.csv()), numFeatures,
                        partitions, blockStorage, featurePrecision, null);
            }
            onlyFor("header", header, "csv", dataFormat);
            onlyFor("delimiter", delimiter, "csv", dataFormat);
            return new DataSource(data, dataFormat, null, columns(defaults == null ? null : defaults.columns()),
                    numFeatures, partitions, blockStorage, featurePrecision, null);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private static void onlyFor(String option, Object value, String formats, DataFormat given) {
        if (value != null) {
            throw new UserInputException(option + ": only for " + formats + " data, not " + given.spelling());
        }
    }

    /** The CSV layout: what was given, else what was recorded, else the defaults. */
    private CsvFormat csv(CsvFormat recorded) {
        CsvFormat base = recorded != null ? recorded : CsvFormat.defaults();
        char delimiterChar = base.delimiter();
        if (delimiter != null) {
            delimiterChar = switch (delimiter) {
                case "tab", "\\t" -> '\t';
                default -> {
                    if (delimiter.length() != 1) {
                        throw new UserInputException("delimiter: expected one character or 'tab', got '" + delimiter + "'");
                    }
                    yield delimiter.charAt(0);
                }
            };
        }
        return new CsvFormat(delimiterChar, header != null ? header : base.hasHeader(),
                labelColumn != null ? labelColumn : base.labelColumn(), weight(base.weightColumn()));
    }

    /** The weight column: the one given ('none' for none), else the one recorded. */
    private String weight(String recorded) {
        if (weightColumn == null) {
            return recorded;
        }
        return weightColumn.equals(NO_WEIGHT) ? null : weightColumn;
    }

    /** The DataFrame columns: what was given, else what was recorded, else spark.ml's defaults. */
    private FrameColumns columns(FrameColumns recorded) {
        if (featuresColumn != null && featureColumns != null) {
            throw new UserInputException("feature-cols: give either --features-col (one vector column) or "
                    + "--feature-cols (numeric columns), not both");
        }
        String label = labelColumn != null ? labelColumn
                : recorded != null && recorded.label() != null ? recorded.label() : FrameColumns.DEFAULT_LABEL;
        String weight = weight(recorded != null ? recorded.weight() : null);
        FrameColumns features;
        if (featuresColumn != null) {
            features = FrameColumns.vector(label, featuresColumn);
        } else if (featureColumns != null) {
            features = FrameColumns.numeric(label, featureColumns.stream().map(String::trim).toList());
        } else if (recorded != null) {
            features = new FrameColumns(label, recorded.features(), recorded.featureColumns(), null);
        } else {
            features = FrameColumns.vector(label, FrameColumns.DEFAULT_FEATURES);
        }
        return features.withWeight(weight);
    }
}
