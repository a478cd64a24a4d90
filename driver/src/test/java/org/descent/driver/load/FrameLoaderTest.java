package org.descent.driver.load;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.descent.data.BlockStorage;
import org.descent.data.DataBlock;
import org.descent.data.DenseBlock;
import org.descent.data.SparseBlock;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.UserInputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A DataFrame is cached as its LIBSVM text would be: the same rows in the same order and the
 * same partitions give the same blocks, bit for bit; partitions are regrouped without losing
 * the order; a bad column or value is refused naming the column.
 */
class FrameLoaderTest {

    static JavaSparkContext sc;
    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void spark() {
        sc = SparkTestContext.get();
        spark = SparkTestContext.session();
    }

    static final StructType VECTOR_SCHEMA = new StructType()
            .add("label", DataTypes.DoubleType, false)
            .add("features", SQLDataTypes.VectorType(), false);

    /** Sparse rows of 12 features, some values written as explicit zeros, as a LIBSVM file may hold them. */
    static List<double[]> sparseRows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] row = new double[13];
            row[0] = i % 2;
            for (int j = 1; j < 13; j++) {
                row[j] = rng.nextInt(4) == 0 ? Math.rint(rng.nextDouble() * 1e4) / 1e3 : Double.NaN;
            }
            row[5] = i % 3 == 0 ? 0.0 : row[5];
            rows.add(row);
        }
        return rows;
    }

    /** {@code label j:x ...} of the stored entries (NaN marks an entry absent), 1-based. */
    static String libsvm(double[] row) {
        StringBuilder sb = new StringBuilder(String.valueOf(row[0]));
        for (int j = 1; j < row.length; j++) {
            if (!Double.isNaN(row[j])) {
                sb.append(' ').append(j).append(':').append(row[j]);
            }
        }
        return sb.toString();
    }

    /** The same row as a sparse vector of 12 features storing the same entries. */
    static Row sparseRow(double[] row) {
        List<Integer> indices = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int j = 1; j < row.length; j++) {
            if (!Double.isNaN(row[j])) {
                indices.add(j - 1);
                values.add(row[j]);
            }
        }
        return RowFactory.create(row[0], Vectors.sparse(row.length - 1, indices.stream().mapToInt(Integer::intValue).toArray(),
                values.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /** Two LIBSVM files of {@code half} rows each, loaded in two partitions: one per file. */
    LoadedData libsvmInTwoFiles(List<double[]> rows, int half, BlockStorage storage) throws Exception {
        TestFiles.write(dir.resolve("lib/part-0"), rows.subList(0, half).stream().map(FrameLoaderTest::libsvm).toList());
        TestFiles.write(dir.resolve("lib/part-1"), rows.subList(half, rows.size()).stream().map(FrameLoaderTest::libsvm).toList());
        return DataLoader.load(sc, new DataSource(dir.resolve("lib").toString(), DataFormat.LIBSVM, null, 12, 2, storage));
    }

    /** A DataFrame of these rows in two partitions, split as the two files are. */
    static Dataset<Row> frameInTwoPartitions(List<Row> rows, StructType schema) {
        return spark.createDataFrame(sc.parallelize(rows, 2), schema);
    }

    @Test
    void sparseVectorsGiveTheBlocksTheirLibsvmTextGivesBitForBit() throws Exception {
        List<double[]> rows = sparseRows(200, 1);
        LoadedData text = libsvmInTwoFiles(rows, 100, BlockStorage.AUTO);
        LoadedData frame = FrameLoader.load(frameInTwoPartitions(rows.stream().map(FrameLoaderTest::sparseRow).toList(),
                VECTOR_SCHEMA), FrameColumns.vector("label", "features"), BlockOptions.defaults().withPartitions(2));
        assertEquals(List.of(100L, 100L), Arrays.stream(text.partitionRows()).boxed().toList(), "one file per partition");
        List<DataBlock> expected = text.blocks().collect();
        assertInstanceOf(SparseBlock.class, expected.get(0), "about a quarter of the cells are stored: sparse");
        assertEquals(expected, frame.blocks().collect(), "same CSR arrays, explicit zeros included");
        assertEquals(text.summary(), frame.summary());
        assertEquals(text.numFeatures(), frame.numFeatures());
        assertArrayEquals(text.partitionRows(), frame.partitionRows());
        text.unpersist();
        frame.unpersist();
    }

    @Test
    void denseVectorsArraysAndNumericColumnsGiveTheDenseBlocksOfTheirText() throws Exception {
        double[][] x = TestFiles.gaussianRows(60, 3, 5);
        List<String> text = new ArrayList<>();
        List<Row> vectors = new ArrayList<>();
        List<Row> arrays = new ArrayList<>();
        List<Row> columns = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            x[i][1] = i % 4 == 0 ? 0.0 : x[i][1];
            double label = x[i][0] > 0 ? 1 : 0;
            // A zero is left out of the text, as LIBSVM writers do, and not stored from a dense row.
            text.add(label + " 1:" + x[i][0] + (x[i][1] == 0 ? "" : " 2:" + x[i][1]) + " 3:" + x[i][2]);
            vectors.add(RowFactory.create(label, Vectors.dense(x[i])));
            arrays.add(RowFactory.create(label, Arrays.stream(x[i]).boxed().toArray()));
            columns.add(RowFactory.create(label, x[i][0], x[i][1], x[i][2]));
        }
        TestFiles.write(dir.resolve("dense/part-0"), text.subList(0, 30));
        TestFiles.write(dir.resolve("dense/part-1"), text.subList(30, 60));
        LoadedData lib = DataLoader.load(sc, new DataSource(dir.resolve("dense").toString(), DataFormat.LIBSVM, null,
                3, 2, BlockStorage.AUTO));
        List<DataBlock> expected = lib.blocks().collect();
        assertInstanceOf(DenseBlock.class, expected.get(0));

        BlockOptions two = BlockOptions.defaults().withPartitions(2);
        assertEquals(expected, FrameLoader.load(frameInTwoPartitions(vectors, VECTOR_SCHEMA),
                FrameColumns.vector("label", "features"), two).blocks().collect(), "dense vectors");
        StructType arraySchema = new StructType().add("label", DataTypes.DoubleType)
                .add("x", DataTypes.createArrayType(DataTypes.DoubleType));
        assertEquals(expected, FrameLoader.load(frameInTwoPartitions(arrays, arraySchema),
                FrameColumns.vector("label", "x"), two).blocks().collect(), "arrays of numbers");
        StructType columnSchema = new StructType().add("label", DataTypes.DoubleType).add("a", DataTypes.DoubleType)
                .add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType);
        assertEquals(expected, FrameLoader.load(frameInTwoPartitions(columns, columnSchema),
                FrameColumns.numeric("label", List.of("a", "b", "c")), two).blocks().collect(), "numeric columns");
        lib.unpersist();
    }

    @Test
    void byDefaultPartitionsAreGroupedPerCoreAndAnExplicitCountIsHonouredKeepingTheRowOrder() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            rows.add(RowFactory.create((double) i, Vectors.dense(i + 1, 1.0)));
        }
        Dataset<Row> six = spark.createDataFrame(sc.parallelize(rows, 6), VECTOR_SCHEMA);
        LoadedData grouped = FrameLoader.load(six, FrameColumns.vector("label", "features"));
        assertEquals(sc.defaultParallelism(), grouped.numPartitions(), "one per core of local[2]");
        assertRowsInOrder(grouped, 90);

        Dataset<Row> one = spark.createDataFrame(sc.parallelize(rows, 1), VECTOR_SCHEMA);
        LoadedData split = FrameLoader.load(one, FrameColumns.vector("label", "features"),
                BlockOptions.defaults().withPartitions(4));
        assertArrayEquals(new long[]{22, 23, 22, 23}, split.partitionRows(), "one partition cut into four of equal rows");
        assertRowsInOrder(split, 90);

        LoadedData three = FrameLoader.load(six, FrameColumns.vector("label", "features"),
                BlockOptions.defaults().withPartitions(3));
        assertArrayEquals(new long[]{30, 30, 30}, three.partitionRows(), "six partitions of 15 rows (30 values each) in three runs");
        assertRowsInOrder(three, 90);
        grouped.unpersist();
        split.unpersist();
        three.unpersist();
    }

    static void assertRowsInOrder(LoadedData data, int n) {
        double[] labels = data.blocks().collect().stream().flatMapToDouble(b -> Arrays.stream(b.labels())).toArray();
        double[] expected = new double[n];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, labels, 0.0, "every row once, in order");
    }

    static String refusal(Dataset<Row> data, FrameColumns columns, BlockOptions options) {
        return assertThrows(UserInputException.class, () -> FrameLoader.load(data, columns, options)).getMessage();
    }

    @Test
    void aStringLabelIsRefusedNamingTheColumnAndItsType() {
        StructType schema = new StructType().add("label", DataTypes.StringType).add("features", SQLDataTypes.VectorType());
        Dataset<Row> data = spark.createDataFrame(List.of(RowFactory.create("yes", Vectors.dense(1, 2))), schema);
        assertEquals("data.parquet: column 'label' is string; allowed: a numeric type",
                refusal(data, FrameColumns.vector("label", "features"), BlockOptions.defaults().named("data.parquet")));
    }

    @Test
    void aVectorOfAnotherSizeIsRefusedNamingTheColumnAndBothSizes() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(RowFactory.create(1.0, i == 13 ? Vectors.dense(1, 2) : Vectors.dense(1, 2, 3)));
        }
        Dataset<Row> data = spark.createDataFrame(sc.parallelize(rows, 1), VECTOR_SCHEMA);
        assertEquals("row 14 of the DataFrame: column 'features' is a vector of size 2; allowed: size 3 "
                + "(the size of the rows before it)", refusal(data, FrameColumns.vector("label", "features"),
                BlockOptions.defaults()));
        Dataset<Row> other = spark.createDataFrame(sc.parallelize(rows.subList(0, 13), 2), VECTOR_SCHEMA);
        assertEquals("row 1 of the DataFrame: column 'features' is a vector of size 3; allowed: size 4 (the model m "
                + "has 4 features) (and 12 more bad rows)", refusal(other, FrameColumns.vector("label", "features"),
                BlockOptions.defaults().withNumFeatures(4, "the model m")));
    }

    @Test
    void nullsNansNegativeWeightsAndMissingColumnsAreRefusedNamingTheColumn() {
        StructType schema = new StructType().add("y", DataTypes.DoubleType).add("w", DataTypes.DoubleType)
                .add("a", DataTypes.DoubleType).add("b", DataTypes.IntegerType);
        FrameColumns columns = FrameColumns.numeric("y", List.of("a", "b")).withWeight("w");
        BlockOptions named = BlockOptions.defaults().named("d");
        assertEquals("row 2 of d: column 'y' is null; allowed: a finite number", refusal(spark.createDataFrame(
                List.of(RowFactory.create(1.0, 1.0, 1.0, 1), RowFactory.create(null, 1.0, 1.0, 1)), schema), columns, named));
        assertEquals("row 1 of d: column 'a' is NaN; allowed: a finite number", refusal(spark.createDataFrame(
                List.of(RowFactory.create(1.0, 1.0, Double.NaN, 1)), schema), columns, named));
        assertEquals("row 1 of d: column 'w' is negative (-2.0); allowed: a finite number >= 0", refusal(
                spark.createDataFrame(List.of(RowFactory.create(1.0, -2.0, 1.0, 1)), schema), columns, named));
        assertEquals("d: no column 'c'; columns: y, w, a, b", refusal(spark.createDataFrame(
                List.of(RowFactory.create(1.0, 1.0, 1.0, 1)), schema), FrameColumns.numeric("y", List.of("a", "c")), named));
        assertEquals("d: 2 feature columns (a, b), but the model m has 3 features", refusal(spark.createDataFrame(
                List.of(RowFactory.create(1.0, 1.0, 1.0, 1)), schema), FrameColumns.numeric("y", List.of("a", "b")),
                named.withNumFeatures(3, "the model m")));
    }

    @Test
    void aBadValueInAParquetFileIsNamedByItsFile() throws Exception {
        StructType schema = new StructType().add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());
        String good = dir.resolve("pq/good").toString();
        String bad = dir.resolve("pq/bad").toString();
        spark.createDataFrame(List.of(RowFactory.create(1.0, Vectors.dense(1, 2))), schema).write().parquet(good);
        spark.createDataFrame(List.of(RowFactory.create(1.0, Vectors.dense(1, 2)), RowFactory.create(null, Vectors.dense(3, 4))),
                schema).coalesce(1).write().parquet(bad);
        Dataset<Row> data = spark.read().parquet(good, bad);
        String message = refusal(data, FrameColumns.vector("label", "features"), BlockOptions.defaults().named("pq"));
        assertTrue(message.matches("file:.*/pq/bad/part-00000-.*\\.parquet: column 'label' is null; allowed: a finite number"),
                message);
        LoadedData loaded = FrameLoader.load(spark.read().parquet(good), FrameColumns.vector("label", "features"));
        assertEquals(1, loaded.files().size(), "the part file read is stamped: " + loaded.files());
        assertTrue(loaded.files().firstKey().matches("file:/.*/pq/good/part-.*\\.parquet"), loaded.files().toString());
        loaded.unpersist();
    }
}
