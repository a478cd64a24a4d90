package org.descent.driver.load;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
            // A malformed line is an error, not a row of nulls that would be refused as a null label.
            reader = reader.option("mode", "FAILFAST");
        }
        try {
            return reader.load(paths);
        } catch (RuntimeException e) {
            throw new UserInputException("cannot read data " + source.path() + " as " + source.format().spelling()
                    + ": " + FrameLoader.failure(e), e);
        }
    }

    /** The SparkSession of this SparkContext (the active one is reused, as commands reuse a running context). */
    public static SparkSession session(JavaSparkContext sc) {
        return SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
    }
}
