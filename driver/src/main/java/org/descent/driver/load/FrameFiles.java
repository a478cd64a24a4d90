package org.descent.driver.load;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.descent.driver.UserInputException;

import java.io.IOException;
import java.util.Arrays;

/**
 * Data files of the DataFrame formats (Parquet, ORC, JSON Lines), read by Spark SQL from any
 * Hadoop path as Spark reads them: a file, a directory of part files (with Hive-style
 * {@code key=value} subdirectories as columns), a glob, or a comma-separated list of those;
 * then cached by {@link FrameLoader}. Rows come in the order Spark reads them: for a directory
 * of part files, Spark plans the larger files first.
 */
public final class FrameFiles {

    private FrameFiles() {
    }

    public static LoadedData load(JavaSparkContext sc, DataSource source) {
        return FrameLoader.load(read(sc, source), source.columns(), BlockOptions.of(source));
    }

    /** The source's files as a DataFrame; a path that names nothing is refused as for text data. */
    public static Dataset<Row> read(JavaSparkContext sc, DataSource source) {
        String[] paths = Arrays.stream(source.path().split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .toArray(String[]::new);
        if (paths.length == 0) {
            throw new UserInputException("no data path given");
        }
        Configuration conf = sc.hadoopConfiguration();
        for (String p : paths) {
            Path path = new Path(p);
            try {
                FileStatus[] matches = path.getFileSystem(conf).globStatus(path);
                if (matches == null || matches.length == 0) {
                    throw new UserInputException("data path does not exist: " + p);
                }
            } catch (IOException e) {
                throw new UserInputException("cannot read data path " + p + ": " + e.getMessage(), e);
            }
        }
        DataFrameReader reader = session(sc).read().format(source.format().spelling());
        if (source.format() == DataFormat.JSON) {
            reader = reader.option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", MALFORMED);
        }
        Dataset<Row> data;
        try {
            data = reader.load(paths);
        } catch (Exception e) {
            // Scala code throws Spark's checked exceptions undeclared: AnalysisException, SparkException.
            throw new UserInputException("cannot read data " + source.path() + " as " + source.format().spelling()
                    + ": " + FrameLoader.failure(e), e);
        }
        if (Arrays.asList(data.columns()).contains(MALFORMED)) {
            refuseMalformed(data);
        }
        return data;
    }

    /**
     * The column Spark's JSON reader puts a line in that is not a JSON object. Spark infers
     * the schema from every line, and adds the column only when it met such a line: reading
     * in Spark's FAILFAST mode instead would fail a task, logged with its stack trace at each
     * attempt, with a message that names no file.
     */
    static final String MALFORMED = "_corrupt_record";

    /** The longest part of a malformed line a refusal quotes. */
    private static final int QUOTED_CHARS = 60;

    /** Refuses data with a malformed line, naming the first one's file and quoting it. */
    private static void refuseMalformed(Dataset<Row> data) {
        // Selecting every column: Spark refuses a query of raw JSON that reads only this one.
        Row first = data.select(functions.input_file_name(), functions.col("*"))
                .where(functions.col(MALFORMED).isNotNull()).first();
        String line = first.getString(first.fieldIndex(MALFORMED)).strip();
        throw new UserInputException(FrameRowLocator.fileName(first.getString(0)) + ": a line is not a JSON object: '"
                + (line.length() > QUOTED_CHARS ? line.substring(0, QUOTED_CHARS) + "..." : line) + "'");
    }

    /**
     * The SparkSession of this SparkContext (the active one is reused, as commands reuse a
     * running context). Handed the context, not left to find it: the builder would otherwise
     * go through SparkContext.getOrCreate, which warns on every command that "some configuration
     * may not take effect". The method is Scala-private to Spark's sql package, public in Java.
     */
    public static SparkSession session(JavaSparkContext sc) {
        return SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    }
}
