package org.descent.driver.load;

import org.descent.driver.UserInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The formats Descent reads: two text formats, parsed line by line by Descent itself, and three
 * columnar or self-describing formats that Spark SQL reads into a DataFrame ({@link FrameFiles}),
 * whose columns are then named by {@link FrameColumns}.
 */
public enum DataFormat {
    /** {@code label index:value ...} with 1-based ascending indices, as MLUtils.loadLibSVMFile. */
    LIBSVM(true),
    /** Delimited numeric columns, one of them the label; optional header. */
    CSV(true),
    /** Apache Parquet files, as Spark writes them; a spark.ml Vector column keeps its type there. */
    PARQUET(false),
    /** Apache ORC files. */
    ORC(false),
    /** JSON Lines: one JSON object per line, as Spark writes and reads them. */
    JSON(false);

    private final boolean text;

    DataFormat(boolean text) {
        this.text = text;
    }

    /** Whether Descent parses the files' lines itself; otherwise Spark reads them into a DataFrame. */
    public boolean isText() {
        return text;
    }

    public static DataFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("format: unknown value '" + text + "'; allowed: " + allowed());
        }
    }

    /** Every spelling, for messages and help: "libsvm, csv, parquet, orc, json". */
    public static String allowed() {
        return Arrays.stream(values()).map(DataFormat::spelling).collect(Collectors.joining(", "));
    }

    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
