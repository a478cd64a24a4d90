package org.descent.driver.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.TestFrames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.expr;
import static org.descent.driver.Refusal.assertRefused;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The estimators and {@code descent train} are one engine: the same rows, as LIBSVM files for
 * the command line and as a DataFrame for the estimator, in the same two partitions, train to
 * the same parameters bit for bit; and a saved spark.ml model is a model directory that
 * {@code descent evaluate} and {@code descent predict} read.
 */
class EstimatorAndCommandLineTest {

    @TempDir
    static Path dir;

    static Path libsvm;
    /** The same 400 rows as {@link #libsvm}, in two partitions of 200: the two files' rows. */
    static Dataset<Row> frame;
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Two LIBSVM files of 200 rows, which {@code --partitions 2} reads as one partition each
     * (they are within Hadoop's 10% slop of half the bytes), and a DataFrame parallelized into
     * two partitions, which splits the 400 rows at 200.
     */
    @BeforeAll
    static void data() throws Exception {
        JavaSparkContext sc = SparkTestContext.get();
        List<Row> first = TestFrames.logisticRows(0, 200, 5, 31);
        List<Row> second = TestFrames.logisticRows(200, 200, 5, 32);
        libsvm = dir.resolve("lib");
        TestFiles.write(libsvm.resolve("part-0.libsvm"), TestFrames.libsvm(first));
        TestFiles.write(libsvm.resolve("part-1.libsvm"), TestFrames.libsvm(second));
        List<Row> all = new ArrayList<>(first);
        all.addAll(second);
        frame = SparkTestContext.session().createDataFrame(sc.parallelize(all, 2), TestFrames.ID_LABEL_FEATURES);
        assertEquals(2, frame.rdd().getNumPartitions());
    }

    static CliRun train(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("train", "--data", libsvm.toString(), "--partitions", "2",
                "--out", out.toString()));
        args.addAll(List.of(options));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void logisticWithSampledBatchesGivesTheCommandLinesWeightsBitForBit() throws Exception {
        CliRun cli = train(dir.resolve("cli-logistic"), "--model", "logistic", "--batch", "size=64", "--lr", "0.5",
                "--seed", "3", "--max-iter", "20", "--tol", "0", "--reg-l2", "0.01");
        assertEquals(0, cli.exitCode(), cli.err());
        DescentClassificationModel model = new DescentClassifier().setBatch("size=64").setLr(0.5).setSeed(3)
                .setMaxIter(20).setTol(0).setRegL2(0.01).setPartitions(2).fit(frame);
        Path saved = dir.resolve("ml-logistic");
        model.write().save(saved.toString());

        JsonNode fromCli = JSON.readTree(dir.resolve("cli-logistic/model.json").toFile());
        JsonNode fromEstimator = JSON.readTree(saved.resolve("data/model.json").toFile());
        assertEquals(fromCli.get("weights").toString(), fromEstimator.get("weights").toString(),
                "every weight's shortest decimal, so every bit");
        assertEquals(fromCli.get("intercepts").toString(), fromEstimator.get("intercepts").toString());
        assertEquals(fromCli.get("trainingConfig"), fromEstimator.get("trainingConfig"), "the same configuration");
        double[] params = model.parameters();
        for (int k = 0; k < 5; k++) {
            assertEquals(Double.doubleToRawLongBits(fromCli.get("weights").get(0).get(k).asDouble()),
                    Double.doubleToRawLongBits(params[k]), "weight " + k);
        }
        assertEquals(2, model.summary().numPartitions());
        assertEquals(400, model.summary().numRows());
    }

    @Test
    void aNetworkWithAdamGivesTheCommandLinesWeightsBitForBit() throws Exception {
        CliRun cli = train(dir.resolve("cli-mlp"), "--model", "mlp", "--layers", "4", "--activation", "tanh",
                "--optimizer", "adam", "--lr", "0.05", "--batch", "fraction=0.3", "--max-iter", "15", "--tol", "0");
        assertEquals(0, cli.exitCode(), cli.err());
        DescentClassificationModel model = new DescentClassifier().setModel("mlp").setLayers(4).setActivation("tanh")
                .setOptimizer("adam").setLr(0.05).setBatch("fraction=0.3").setMaxIter(15).setTol(0).setPartitions(2)
                .fit(frame);
        Path saved = dir.resolve("ml-mlp");
        model.write().save(saved.toString());
        JsonNode fromCli = JSON.readTree(dir.resolve("cli-mlp/model.json").toFile());
        JsonNode fromEstimator = JSON.readTree(saved.resolve("data/model.json").toFile());
        assertEquals(fromCli.get("layers").toString(), fromEstimator.get("layers").toString());
        assertEquals(fromCli.get("trainingConfig"), fromEstimator.get("trainingConfig"));
    }

    @Test
    void aRegressingNetworkIsTheCommandLinesTaskRegression() throws Exception {
        CliRun cli = train(dir.resolve("cli-mlp-regression"), "--model", "mlp", "--task", "regression", "--layers", "3",
                "--lr", "0.05", "--max-iter", "5");
        assertEquals(0, cli.exitCode(), cli.err());
        DescentRegressionModel model = new DescentRegressor().setModel("mlp").setLayers(3).setLr(0.05).setMaxIter(5)
                .setPartitions(2).fit(frame);
        Path saved = dir.resolve("ml-mlp-regression");
        model.write().save(saved.toString());
        JsonNode fromCli = JSON.readTree(dir.resolve("cli-mlp-regression/model.json").toFile());
        JsonNode fromEstimator = JSON.readTree(saved.resolve("data/model.json").toFile());
        assertEquals("regression", fromEstimator.get("task").asText());
        assertEquals(fromCli.get("layers").toString(), fromEstimator.get("layers").toString());
    }

    @Test
    void aHeldOutFractionAndEarlyStoppingAreTheCommandLinesBitForBit() throws Exception {
        CliRun cli = train(dir.resolve("cli-validation"), "--model", "logistic", "--batch", "size=64", "--lr", "0.5",
                "--seed", "3", "--max-iter", "300", "--tol", "0", "--validation-fraction", "0.25", "--validate-every", "3",
                "--early-stop-patience", "2", "--early-stop-min-delta", "0.01");
        assertEquals(0, cli.exitCode(), cli.err());
        DescentClassificationModel model = new DescentClassifier().setBatch("size=64").setLr(0.5).setSeed(3)
                .setMaxIter(300).setTol(0).setValidationFraction(0.25).setValidateEvery(3).setEarlyStopPatience(2)
                .setEarlyStopMinDelta(0.01).setPartitions(2).fit(frame);
        Path saved = dir.resolve("ml-validation");
        model.write().save(saved.toString());

        JsonNode fromCli = JSON.readTree(dir.resolve("cli-validation/model.json").toFile());
        JsonNode fromEstimator = JSON.readTree(saved.resolve("data/model.json").toFile());
        assertEquals(fromCli.get("weights").toString(), fromEstimator.get("weights").toString(), "every weight's bits");
        assertEquals(fromCli.get("intercepts").toString(), fromEstimator.get("intercepts").toString());

        JsonNode summary = JSON.readTree(dir.resolve("cli-validation/summary.json").toFile());
        DescentTrainingSummary fit = model.summary();
        assertEquals("early_stopped", summary.get("stopReason").asText(), "the command line stopped early");
        assertEquals("early_stopped", fit.stopReason());
        assertTrue(fit.totalIterations() < 300);
        assertEquals(summary.get("iterations").asInt(), fit.totalIterations(), "both stop after the same iteration");
        assertEquals(summary.get("bestIteration").asInt(), fit.bestIteration());
        assertEquals(summary.get("bestValidationLoss").asDouble(), fit.bestValidationLoss(), 0.0);
        assertEquals(summary.get("validationRows").asLong(), fit.validationRows(), "the same rows held out");
        assertEquals(summary.get("rows").asLong(), fit.numRows());

        List<String> history = java.nio.file.Files.readAllLines(dir.resolve("cli-validation/history.csv"));
        double[] scored = history.stream().skip(1).map(org.descent.driver.train.IterationRecord::parseCsvRow)
                .filter(org.descent.driver.train.IterationRecord::isValidated)
                .mapToDouble(org.descent.driver.train.IterationRecord::validationLoss).toArray();
        assertArrayEquals(scored, fit.validationLossHistory(), 0.0, "history.csv's validation_loss column, bit for bit");
        assertEquals(3, fit.validationIterations()[0]);
        assertEquals(fit.validationIterations().length, fit.validationMetricHistory().length);
    }

    @Test
    void anIndicatorColumnMarksTheValidationRows() {
        Dataset<Row> marked = frame.withColumn("held", expr("id % 4 = 0"));
        DescentClassifier classifier = new DescentClassifier().setLr(0.5).setMaxIter(12).setTol(0).setPartitions(2);
        DescentClassificationModel model = classifier.copy(new ParamMap()).setValidationIndicatorCol("held")
                .setValidateEvery(4).fit(marked);
        double[] trainedOnTheOthers = classifier.fit(frame.filter("id % 4 != 0")).parameters();
        assertArrayEquals(trainedOnTheOthers, model.parameters(), 0.0, "the marked rows are not trained on");
        assertEquals(100, model.summary().validationRows());
        assertEquals(300, model.summary().numRows());
        assertArrayEquals(new int[] {4, 8, 12}, model.summary().validationIterations());
        assertTrue(model.summary().bestValidationLoss() > 0);
        assertEquals(0, classifier.fit(frame).summary().validationIterations().length, "none without validation");
    }

    @Test
    void aRowOfWeightZeroCountsForNothing() {
        DescentClassifier classifier = new DescentClassifier().setLr(0.5).setMaxIter(10).setPartitions(2);
        Dataset<Row> weighted = frame.withColumn("w", expr("IF(id < 300, 1.0, 0.0)"));
        double[] withWeights = classifier.copy(new ParamMap()).setWeightCol("w")
                .fit(weighted).parameters();
        double[] withoutTheRows = classifier.fit(frame.filter("id < 300")).parameters();
        assertArrayEquals(withoutTheRows, withWeights, 1e-12);
        double[] unweighted = classifier.fit(frame).parameters();
        assertTrue(Math.abs(unweighted[0] - withWeights[0]) > 1e-6,
                "the weights changed the model");
    }

    @Test
    void evaluateAndPredictReadASavedSparkMlModelDirectory() throws Exception {
        CliRun cli = train(dir.resolve("cli-eval"), "--model", "logistic", "--lr", "0.5", "--max-iter", "10");
        assertEquals(0, cli.exitCode(), cli.err());
        Path saved = dir.resolve("ml-eval");
        new DescentClassifier().setLr(0.5).setMaxIter(10).setPartitions(2).fit(frame).write().save(saved.toString());

        CliRun fromSparkMl = CliRun.of("evaluate", "--model", saved.toString(), "--data", libsvm.toString(), "--json");
        assertEquals(0, fromSparkMl.exitCode(), fromSparkMl.err());
        CliRun fromCli = CliRun.of("evaluate", "--model", dir.resolve("cli-eval").toString(), "--data",
                libsvm.toString(), "--json");
        assertEquals(JSON.readTree(fromCli.out()), JSON.readTree(fromSparkMl.out()), "the same model, the same metrics");

        CliRun predict = CliRun.of("predict", "--model", saved.toString(), "--data", libsvm.toString(), "--out",
                dir.resolve("predictions").toString());
        assertEquals(0, predict.exitCode(), predict.err());
        assertEquals("descent: 400 predictions written to " + dir.resolve("predictions"), predict.out().trim());

        assertRefused(CliRun.of("evaluate", "--model", dir.resolve("nothing").toString(), "--data", libsvm.toString()),
                "no model at " + dir.resolve("nothing"), "data/model.json, where a saved spark.ml model keeps it");
    }
}
