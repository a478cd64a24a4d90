package org.descent.driver.evaluate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.descent.data.BlockStorage;
import org.descent.data.DataBlock;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.TestFrames;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.ModelFile;
import org.descent.driver.output.TrainedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.descent.driver.Refusal.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code descent predict} writes a directory of part files from the executors: every input row
 * once, joined back by a kept id (DataFrame data) or by its row number (text data), with the
 * predictions the model gives the rows' cached blocks, as the single file of earlier versions
 * had them.
 */
class PredictionsTest {

    @TempDir
    static Path dir;

    static Path parquet;
    static Path libsvm;
    static Path model;
    static SparkSession spark;

    /** 150 + 130 rows as two Parquet part files, with ids, and as one LIBSVM file; a model trained on them. */
    @BeforeAll
    static void data() throws Exception {
        spark = SparkTestContext.session();
        List<Row> rows = new ArrayList<>(TestFrames.logisticRows(1000, 150, 4, 21));
        rows.addAll(TestFrames.logisticRows(1150, 130, 4, 22));
        parquet = dir.resolve("pq");
        TestFrames.writeParquet(parquet, "part-0.parquet", rows.subList(0, 150), TestFrames.ID_LABEL_FEATURES);
        TestFrames.writeParquet(parquet, "part-1.parquet", rows.subList(150, 280), TestFrames.ID_LABEL_FEATURES);
        libsvm = TestFiles.write(dir.resolve("lib/all.libsvm"), TestFrames.libsvm(rows));
        model = dir.resolve("model");
        CliRun t = CliRun.of("train", "--data", libsvm.toString(), "--model", "logistic", "--lr", "0.5",
                "--max-iter", "10", "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
    }

    /** What predict wrote before it wrote part files: the model on the cached blocks of the LIBSVM rows, in order. */
    static List<double[]> todaysPredictions() {
        TrainedModel trained = ModelFile.read(model.toString(), SparkTestContext.get().hadoopConfiguration());
        LoadedData loaded = DataLoader.load(SparkTestContext.get(),
                new DataSource(libsvm.toString(), DataFormat.LIBSVM, null, 4, 2, BlockStorage.AUTO));
        List<double[]> out = new ArrayList<>();
        for (DataBlock block : loaded.blocks().collect()) {
            double[] p = new double[block.numRows()];
            trained.spec().model().predict(block, trained.params(), p);
            for (double probability : p) {
                out.add(new double[]{probability >= 0.5 ? 1 : 0, probability});
            }
        }
        loaded.unpersist();
        return out;
    }

    static List<Path> partFiles(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
    }

    @Test
    void keptIdsJoinEveryInputRowOnceAndThePredictionsAreTodays() throws Exception {
        Path out = dir.resolve("by-id");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", parquet.toString(),
                "--format", "parquet", "--keep-cols", "id", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("280 predictions written"), run.out());
        assertEquals(2, partFiles(out).size(), "one part file per input partition: " + partFiles(out));
        assertTrue(partFiles(out).stream().allMatch(p -> p.toString().endsWith(".parquet")), "parquet by default");

        Dataset<Row> predictions = spark.read().parquet(out.toString());
        assertEquals(List.of("id", "prediction", "probability"), List.of(predictions.columns()));
        Dataset<Row> input = spark.read().parquet(parquet.toString());
        assertEquals(280, predictions.count());
        assertEquals(280, predictions.select("id").distinct().count(), "no row twice");
        assertEquals(280, input.join(predictions, "id").count(), "every input row joins one prediction");

        List<double[]> today = todaysPredictions();
        Map<Long, Row> byId = new HashMap<>();
        predictions.collectAsList().forEach(r -> byId.put(r.getLong(0), r));
        for (int i = 0; i < 280; i++) {
            Row r = byId.get(1000L + i);
            assertEquals((long) today.get(i)[0], r.getLong(1), "class of row " + i);
            assertEquals(Double.doubleToRawLongBits(today.get(i)[1]), Double.doubleToRawLongBits(r.getDouble(2)),
                    "probability of row " + i + ", bit for bit");
        }
    }

    @Test
    void textRowsAreNumberedAndWrittenAsTheCsvOfEarlierVersions() throws Exception {
        Path out = dir.resolve("by-row");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", libsvm.toString(),
                "--partitions", "2", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = new ArrayList<>();
        for (Path part : partFiles(out)) {
            assertTrue(part.toString().endsWith(".csv"), part.toString());
            List<String> text = Files.readAllLines(part);
            assertEquals("row,prediction,probability", text.get(0), "each part file has the header");
            lines.addAll(text.subList(1, text.size()));
        }
        List<double[]> today = todaysPredictions();
        assertEquals(280, lines.size());
        for (int i = 0; i < 280; i++) {
            // Earlier versions wrote "0,0.31..." per row: the class as an integer, the probability as Double.toString.
            assertEquals((i + 1) + "," + (long) today.get(i)[0] + "," + today.get(i)[1], lines.get(i), "row " + (i + 1));
        }
    }

    @Test
    void aRowOfTheWrongSizeStopsPredictionsNamingItsFileAndNothingIsWritten() throws Exception {
        Path data = dir.resolve("narrow");
        TestFrames.writeParquet(data, "part-0.parquet", TestFrames.logisticRows(0, 40, 4, 23), TestFrames.ID_LABEL_FEATURES);
        Path bad = TestFrames.writeParquet(data, "part-1.parquet", TestFrames.logisticRows(40, 5, 3, 24),
                TestFrames.ID_LABEL_FEATURES);
        Path out = dir.resolve("narrow-predictions");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--format", "parquet",
                "--keep-cols", "id", "--out", out.toString());
        assertRefused(run, bad.getFileName() + ": column 'features' is a vector of size 3; allowed: size 4 (the model "
                + model + " has 4 features)");
        assertFalse(Files.exists(out), "nothing published");
        try (Stream<Path> left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".narrow-predictions")), "no staging left");
        }
    }

    @Test
    void keepColsIsRefusedForTextAndForAColumnTheInputLacks() {
        assertRefused(CliRun.of("predict", "--model", model.toString(), "--data", libsvm.toString(), "--keep-cols", "id",
                "--out", dir.resolve("p1").toString()), "keep-cols: only for parquet, orc and json data",
                "column 'row'");
        assertRefused(CliRun.of("predict", "--model", model.toString(), "--data", parquet.toString(), "--format",
                "parquet", "--keep-cols", "key", "--out", dir.resolve("p2").toString()),
                parquet + ": no column 'key'; columns: id, label, features");
    }
}
