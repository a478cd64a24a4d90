package org.descent.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.TestFrames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.descent.driver.Refusal.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parquet, ORC and JSON data through the command line: the same rows train to the same model,
 * bit for bit, as their LIBSVM text; evaluate and predict read the columns the model recorded;
 * bad columns are refused in one line naming the column.
 */
class DataFrameCommandLineTest {

    @TempDir
    static Path dir;

    static Path parquet;
    static Path libsvm;
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The same 400 rows as two LIBSVM files and two Parquet files of 210 and 190 rows. With
     * {@code --partitions 2} each file is a partition either way: the LIBSVM files are within
     * Hadoop's 10% slop of half the bytes, and Spark reads the larger Parquet file first, which
     * is the first one here.
     */
    @BeforeAll
    static void data() throws Exception {
        SparkTestContext.get();
        List<Row> first = TestFrames.logisticRows(0, 210, 5, 11);
        List<Row> second = TestFrames.logisticRows(210, 190, 5, 12);
        parquet = dir.resolve("pq");
        TestFrames.writeParquet(parquet, "part-0.parquet", first, TestFrames.ID_LABEL_FEATURES);
        TestFrames.writeParquet(parquet, "part-1.parquet", second, TestFrames.ID_LABEL_FEATURES);
        libsvm = dir.resolve("lib");
        TestFiles.write(libsvm.resolve("part-0.libsvm"), TestFrames.libsvm(first));
        TestFiles.write(libsvm.resolve("part-1.libsvm"), TestFrames.libsvm(second));
    }

    static CliRun train(Path data, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--model", "logistic",
                "--batch", "size=64", "--lr", "0.5", "--seed", "3", "--max-iter", "20", "--tol", "0",
                "--partitions", "2", "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    static JsonNode json(Path file) throws Exception {
        return JSON.readTree(file.toFile());
    }

    @Test
    void parquetAndLibsvmOfTheSameRowsTrainToBitIdenticalWeights() throws Exception {
        CliRun text = train(libsvm, dir.resolve("m-libsvm"));
        assertEquals(0, text.exitCode(), text.err());
        CliRun frame = train(parquet, dir.resolve("m-parquet"), "--format", "parquet");
        assertEquals(0, frame.exitCode(), frame.err());
        JsonNode a = json(dir.resolve("m-libsvm/model.json"));
        JsonNode b = json(dir.resolve("m-parquet/model.json"));
        assertEquals(a.get("weights").toString(), b.get("weights").toString(), "every weight's shortest decimal");
        assertEquals(a.get("intercepts").toString(), b.get("intercepts").toString());
        for (int k = 0; k < 5; k++) {
            assertEquals(Double.doubleToRawLongBits(a.get("weights").get(0).get(k).asDouble()),
                    Double.doubleToRawLongBits(b.get("weights").get(0).get(k).asDouble()), "weight " + k);
        }
        JsonNode summary = json(dir.resolve("m-parquet/summary.json"));
        assertEquals(400, summary.get("rows").asInt());
        assertEquals(2, summary.get("partitions").asInt());
        assertEquals("parquet", b.get("data").get("format").asText());
        assertEquals("libsvm", a.get("data").get("format").asText());
    }

    @Test
    void evaluateAndPredictReadTheTrainingDataLayoutFromTheModel() throws Exception {
        StructType renamed = new StructType().add("id", DataTypes.LongType).add("y", DataTypes.DoubleType)
                .add("x", SQLDataTypes.VectorType());
        Path data = dir.resolve("renamed");
        TestFrames.writeParquet(data, "part-0.parquet", TestFrames.logisticRows(0, 300, 5, 13), renamed);
        Path model = dir.resolve("m-renamed");
        CliRun t = train(data, model, "--format", "parquet", "--label-col", "y", "--features-col", "x");
        assertEquals(0, t.exitCode(), t.err());
        JsonNode layout = json(model.resolve("model.json")).get("data");
        assertEquals("{\"format\":\"parquet\",\"labelCol\":\"y\",\"featuresCol\":\"x\"}", layout.toString());

        CliRun eval = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(JSON.readTree(eval.out()).get("accuracy").asDouble() > 0.8, eval.out());

        CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(),
                "--keep-cols", "id", "--out", dir.resolve("renamed-predictions").toString());
        assertEquals(0, predict.exitCode(), predict.err());
        assertTrue(predict.out().contains("300 predictions written"), predict.out());
    }

    @Test
    void jsonAndOrcWithNumericFeatureColumnsTrain() throws Exception {
        List<String> lines = new ArrayList<>();
        double[][] x = TestFiles.gaussianRows(200, 2, 14);
        for (double[] row : x) {
            lines.add("{\"a\": " + row[0] + ", \"b\": " + row[1] + ", \"label\": " + (row[0] + row[1] > 0 ? 1 : 0) + "}");
        }
        Path json = TestFiles.write(dir.resolve("json/part-0.json"), lines);
        CliRun j = train(json, dir.resolve("m-json"), "--format", "json", "--feature-cols", "a,b");
        assertEquals(0, j.exitCode(), j.err());
        assertEquals("[\"a\",\"b\"]", json(dir.resolve("m-json/model.json")).get("data").get("featureCols").toString());

        Path orc = dir.resolve("orc");
        SparkTestContext.session().read().json(json.toString()).write().orc(orc.toString());
        CliRun o = train(orc, dir.resolve("m-orc"), "--format", "orc", "--feature-cols", "a,b");
        assertEquals(0, o.exitCode(), o.err());
        assertEquals(json(dir.resolve("m-json/model.json")).get("weights"), json(dir.resolve("m-orc/model.json")).get("weights"),
                "one partition each: the same rows give the same model");
    }

    @Test
    void aStringLabelIsRefusedNamingTheDataAndTheColumn() throws Exception {
        StructType schema = new StructType().add("label", DataTypes.StringType).add("features", SQLDataTypes.VectorType());
        Path data = dir.resolve("strings");
        TestFrames.writeParquet(data, "part-0.parquet", List.of(RowFactory.create("yes", Vectors.dense(1, 2)),
                RowFactory.create("no", Vectors.dense(2, 1))), schema);
        Path out = dir.resolve("m-strings");
        CliRun run = train(data, out, "--format", "parquet");
        assertRefused(run, data + ": column 'label' is string; allowed: a numeric type");
        assertFalse(Files.exists(out));
    }

    @Test
    void aVectorOfTheWrongSizeIsRefusedNamingItsFileAndColumn() throws Exception {
        Path data = dir.resolve("sizes");
        TestFrames.writeParquet(data, "part-0.parquet", TestFrames.logisticRows(0, 20, 5, 15), TestFrames.ID_LABEL_FEATURES);
        Path bad = TestFrames.writeParquet(data, "part-1.parquet", TestFrames.logisticRows(20, 10, 4, 16),
                TestFrames.ID_LABEL_FEATURES);
        CliRun run = train(data, dir.resolve("m-sizes"), "--format", "parquet");
        assertRefused(run, bad.getFileName().toString() + ": column 'features' is a vector of size 4; allowed: size 5");
    }

    @Test
    void columnOptionsOfAnotherFormatAreRefused() {
        assertRefused(train(libsvm, dir.resolve("m-x"), "--features-col", "v"),
                "features-col: only for parquet, orc and json data, not libsvm");
        assertRefused(train(parquet, dir.resolve("m-y"), "--format", "parquet", "--header"),
                "header: only for csv data, not parquet");
        assertRefused(train(parquet, dir.resolve("m-z"), "--format", "avro"),
                "format: unknown value 'avro'; allowed: libsvm, csv, parquet, orc, json");
    }
}
