package org.descent.bench;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.ml.functions.array_to_vector;
import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;

/**
 * The rows of LIBSVM files as Parquet, for scripts/bench-load to time loading the same rows
 * both ways: {@code OUT/vector} holds a label and a dense spark.ml vector column
 * {@code features}; {@code OUT/columns} a label and one double column per feature,
 * {@code f0, f1, ...}. Dense vectors, as a data set of dense rows would be written by its
 * users; Spark's own LIBSVM source reads every row as a sparse vector.
 *
 * <p>Usage: {@code LibSvmToFrames LIBSVM_DIR NUM_FEATURES OUT_DIR MASTER}
 */
public final class LibSvmToFrames {

    private LibSvmToFrames() {
    }

    public static void main(String[] args) {
        String in = args[0];
        int features = Integer.parseInt(args[1]);
        String out = args[2];
        SparkSession spark = SparkSession.builder().master(args[3]).appName("descent bench: libsvm to parquet")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            Dataset<Row> rows = spark.read().format("libsvm").option("numFeatures", features).load(in)
                    .select(col("label"), vector_to_array(col("features"), "float64").alias("x"));
            rows.select(col("label"), array_to_vector(col("x")).alias("features")).write().parquet(out + "/vector");
            List<Column> columns = new ArrayList<>();
            columns.add(col("label"));
            for (int j = 0; j < features; j++) {
                columns.add(col("x").getItem(j).alias("f" + j));
            }
            rows.select(columns.toArray(Column[]::new)).write().parquet(out + "/columns");
        } finally {
            spark.stop();
        }
    }
}
