package org.descent.driver;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Small DataFrame files written by tests, and the same rows as LIBSVM text. */
public final class TestFrames {

    /** id (long), label (double), features (a spark.ml vector). */
    public static final StructType ID_LABEL_FEATURES = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("label", DataTypes.DoubleType, false)
            .add("features", SQLDataTypes.VectorType(), false);

    private TestFrames() {
    }

    /** Rows {@code first..first+n-1} of a logistic problem: id, a 0/1 label, dense features. */
    public static List<Row> logisticRows(long first, int n, int features, long seed) {
        double[][] x = TestFiles.gaussianRows(n, features, seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double margin = x[i][0] - 0.5 * x[i][features - 1];
            rows.add(RowFactory.create(first + i, margin > 0 ? 1.0 : 0.0, Vectors.dense(x[i])));
        }
        return rows;
    }

    /** The LIBSVM lines of rows of {@link #ID_LABEL_FEATURES} (the id is left out: LIBSVM has none). */
    public static List<String> libsvm(List<Row> rows) {
        return rows.stream().map(r -> TestFiles.libsvm(r.getDouble(1),
                ((org.apache.spark.ml.linalg.Vector) r.get(2)).toArray())).toList();
    }

    /**
     * Writes {@code rows} as one Parquet file {@code dir/name}: part files of a data set come in
     * the order the test chooses (Spark itself names them by task).
     */
    public static Path writeParquet(Path dir, String name, List<Row> rows, StructType schema) throws IOException {
        Path staging = dir.resolveSibling("." + dir.getFileName() + "-" + name);
        SparkTestContext.session().createDataFrame(rows, schema).coalesce(1).write().parquet(staging.toString());
        Path part;
        try (Stream<Path> files = Files.list(staging)) {
            part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        }
        Files.createDirectories(dir);
        Path target = Files.move(part, dir.resolve(name));
        try (Stream<Path> rest = Files.walk(staging)) {
            rest.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return target;
    }
}
