package org.descent.driver.cli;

import org.descent.data.BlockStorage;
import org.descent.data.CsvFormat;
import org.descent.data.FeaturePrecision;
import org.descent.driver.UserInputException;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataSource;
import picocli.CommandLine.Option;

/** Where the data is and how to read it: shared by train, evaluate and predict. */
public final class DataOptions {

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "Data path on any Hadoop file system: file, directory, glob or comma list; .gz is read.")
    String data;

    @Option(names = "--format", defaultValue = "libsvm", paramLabel = "libsvm|csv",
            description = "Input format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--label-col", defaultValue = "0", paramLabel = "NAME|INDEX",
            description = "CSV: the label column, by header name or 0-based index (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(names = "--weight-col", paramLabel = "NAME|INDEX", description = "CSV: a sample-weight column (default: none).")
    String weightColumn;

    @Option(names = "--header", arity = "0..1", fallbackValue = "true", defaultValue = "false",
            description = "CSV: the first line of each file is a header.")
    boolean header;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR", description = "CSV field delimiter (default: '${DEFAULT-VALUE}'); 'tab' for a tab.")
    String delimiter;

    @Option(names = "--num-features", defaultValue = "0", paramLabel = "N",
            description = "Feature count; 0 infers it from the data (default).")
    int numFeatures;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "Partitions to split the data into; 0 for Spark's default parallelism.")
    int partitions;

    @Option(names = "--storage", defaultValue = "auto", paramLabel = "auto|dense|sparse",
            description = "How cached blocks store features: auto picks dense or CSR by density (default).")
    String storage;

    @Option(names = "--precision", defaultValue = "double", paramLabel = "double|float",
            description = "How dense blocks store feature values: double (default), or float, which halves the "
                    + "memory and the bytes each pass reads; sums are always double.")
    String precision;

    public DataSource toSource() {
        DataFormat dataFormat = DataFormat.parse(format);
        char delimiterChar = switch (delimiter) {
            case "tab", "\\t" -> '\t';
            default -> {
                if (delimiter.length() != 1) {
                    throw new UserInputException("delimiter: expected one character or 'tab', got '" + delimiter + "'");
                }
                yield delimiter.charAt(0);
            }
        };
        BlockStorage blockStorage;
        try {
            blockStorage = BlockStorage.valueOf(storage.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("storage: unknown value '" + storage + "'; allowed: auto, dense, sparse");
        }
        FeaturePrecision featurePrecision;
        try {
            featurePrecision = FeaturePrecision.valueOf(precision.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("precision: unknown value '" + precision + "'; allowed: double, float");
        }
        try {
            return new DataSource(data, dataFormat, new CsvFormat(delimiterChar, header, labelColumn, weightColumn),
                    numFeatures, partitions, blockStorage, featurePrecision);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }
}
