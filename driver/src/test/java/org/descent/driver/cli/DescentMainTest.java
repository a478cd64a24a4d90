package org.descent.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as users type it, against the shared local[2] SparkContext. */
class DescentMainTest {

    @TempDir
    static Path dir;

    static Path train;
    static Path test;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void data() {
        SparkTestContext.get();
        train = dir.resolve("train.libsvm");
        test = dir.resolve("test.libsvm");
        CliRun gen = run("generate", "--kind", "logistic", "--rows", "3000", "--features", "8", "--seed", "3",
                "--out", train.toString(), "--test-out", test.toString(), "--test-rows", "1000");
        assertEquals(0, gen.exitCode(), gen.err());
    }

    @Test
    void adamWithWarmupAndStepDecayTrainsAndRecordsItsRates() throws Exception {
        Path out = dir.resolve("model-adam");
        CliRun t = run("train", "--data", train.toString(), "--model", "logistic", "--batch", "size=128",
                "--optimizer", "adam", "--lr", "0.05", "--beta2", "0.99", "--warmup", "4", "--schedule", "step",
                "--step-every", "10", "--gamma", "0.5", "--clip-norm", "5", "--max-iter", "30", "--tol", "0",
                "--out", out.toString());
        assertEquals(0, t.exitCode(), t.err());
        JsonNode config = new ObjectMapper().readTree(out.resolve("model.json").toFile()).get("trainingConfig");
        assertEquals("adam(beta1=0.9, beta2=0.99, eps=1.0E-8)", config.get("optimizer").asText());
        assertEquals("warmup(4, step(lr=0.05, gamma=0.5, step-every=10))", config.get("schedule").asText());
        assertEquals(5.0, config.get("clipNorm").asDouble());
        List<String> history = Files.readAllLines(out.resolve("history.csv"));
        double[] rates = history.stream().skip(1).mapToDouble(line -> Double.parseDouble(line.split(",")[3])).toArray();
        assertEquals(30, rates.length);
        assertEquals(0.0125, rates[0], 1e-15);
        assertEquals(0.05, rates[3], 1e-15);
        assertEquals(0.05, rates[13], 1e-15);
        assertEquals(0.025, rates[14], 1e-15);
        assertEquals(0.0125, rates[29], 1e-15);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        // It learned: well below the ln 2 = 0.693 of the all-zero start.
        assertTrue(summary.get("finalLoss").asDouble() < 0.6, summary.toString());
    }

    @Test
    void trainEvaluatePredictEndToEndFromAConfigFile() throws Exception {
        Path config = TestFiles.write(dir.resolve("logistic.conf"), List.of(
                "# a comment", "model = logistic", "batch = size=256", "lr = 0.5", "max-iter = 150", "seed = 9",
                "reg-l2 = 0.0001", "format = libsvm"));
        Path out = dir.resolve("model-a");
        CliRun t = run("train", "--config", config.toString(), "--data", train.toString(), "--out", out.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(t.out().contains("iter   1/150"), t.out());
        JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
        assertEquals("logistic", model.get("kind").asText());
        assertEquals(8, model.get("weights").get(0).size());
        assertEquals("size=256", model.get("trainingConfig").get("batch").asText());
        assertEquals("4.1.0", model.get("versions").get("spark").asText());
        List<String> history = Files.readAllLines(out.resolve("history.csv"));
        assertEquals("iteration,loss,gradient_norm,learning_rate,batch_rows,millis,validation_loss,validation_metric",
                history.get(0));
        assertEquals(151, history.size(), "one row per iteration");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("ok", summary.get("status").asText());

        CliRun e = run("evaluate", "--model", out.toString(), "--data", test.toString(), "--json");
        assertEquals(0, e.exitCode(), e.err());
        JsonNode metrics = new ObjectMapper().readTree(e.out());
        // The converged full-batch optimum on this data scores accuracy 0.769 and AUC 0.782
        // on the test rows (measured); mini-batch SGD must come within 0.01 of it.
        assertTrue(metrics.get("accuracy").asDouble() > 0.759, e.out());
        assertTrue(metrics.get("auc").asDouble() > 0.772, e.out());
        assertTrue(metrics.has("logLoss"), e.out());

        Path predictions = dir.resolve("predictions");
        CliRun p = run("predict", "--model", out.toString(), "--data", test.toString(), "--out", predictions.toString());
        assertEquals(0, p.exitCode(), p.err());
        List<String> lines = TestFiles.predictionsCsv(predictions);
        assertEquals("row,prediction,probability", lines.get(0));
        assertEquals(1001, lines.size(), "header plus one line per row");
    }

    @Test
    void softmaxAndLinearModelsTrainAndEvaluateWithTheirMetrics() throws Exception {
        Path softData = dir.resolve("soft.csv");
        assertEquals(0, run("generate", "--kind", "softmax", "--classes", "3", "--rows", "2000", "--features", "5",
                "--format", "csv", "--out", softData.toString()).exitCode());
        Path soft = dir.resolve("model-soft");
        CliRun t = run("train", "--data", softData.toString(), "--format", "csv", "--label-col", "0", "--model", "softmax",
                "--lr", "0.5", "--max-iter", "60", "--out", soft.toString());
        assertEquals(0, t.exitCode(), t.err());
        CliRun e = run("evaluate", "--model", soft.toString(), "--data", softData.toString(), "--format", "csv");
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("accuracy") && e.out().contains("confusionMatrix"), e.out());

        Path linData = dir.resolve("lin.libsvm");
        assertEquals(0, run("generate", "--kind", "linear", "--rows", "2000", "--features", "5", "--out", linData.toString()).exitCode());
        Path lin = dir.resolve("model-lin");
        assertEquals(0, run("train", "--data", linData.toString(), "--model", "linear", "--lr", "0.5", "--max-iter", "200",
                "--out", lin.toString()).exitCode());
        JsonNode metrics = new ObjectMapper().readTree(run("evaluate", "--model", lin.toString(), "--data", linData.toString(),
                "--json").out());
        assertTrue(metrics.get("r2").asDouble() > 0.95, metrics.toString());
        assertEquals(metrics.get("rmse").asDouble(), Math.sqrt(metrics.get("mse").asDouble()), 1e-12);
    }

    @Test
    void aMalformedDataLineExitsNonZeroNamingFileAndLine() throws Exception {
        Path bad = TestFiles.write(dir.resolve("bad.libsvm"), List.of("1 1:0.5", "0 2:1", "1 1:x"));
        CliRun r = run("train", "--data", bad.toString(), "--model", "logistic", "--out", dir.resolve("never").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("bad.libsvm:3:"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");
        assertFalse(Files.exists(dir.resolve("never")), "nothing written");
    }

    @Test
    void anUnknownConfigKeyNamesTheKeyAndTheAllowedKeys() throws Exception {
        Path config = TestFiles.write(dir.resolve("typo.conf"), List.of("model = logistic", "learning-rate = 0.1"));
        CliRun r = run("train", "--config", config.toString(), "--data", train.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("typo.conf:2: unknown key 'learning-rate'"), r.err());
        assertTrue(r.err().contains("allowed keys:") && r.err().contains("lr"), r.err());
    }

    @Test
    void badValuesNameTheKeyAndTheAllowedValues() {
        CliRun batch = run("train", "--data", train.toString(), "--model", "logistic", "--batch", "half", "--out", "x");
        assertEquals(2, batch.exitCode());
        assertTrue(batch.err().contains("batch") && batch.err().contains("fraction=F"), batch.err());
        CliRun model = run("train", "--data", train.toString(), "--model", "tree", "--out", "x");
        assertEquals(2, model.exitCode());
        assertTrue(model.err().contains("model: unknown value 'tree'; allowed: linear, logistic, softmax"), model.err());
        CliRun lr = run("train", "--data", train.toString(), "--model", "linear", "--lr", "-1", "--out", "x");
        assertEquals(2, lr.exitCode());
        assertTrue(lr.err().contains("lr must be"), lr.err());
        CliRun labels = run("train", "--data", train.toString(), "--model", "softmax", "--num-classes", "1", "--out", "x");
        assertEquals(2, labels.exitCode());
        assertTrue(labels.err().contains("num-classes"), labels.err());
    }

    @Test
    void aMissingPathSaysSo() {
        CliRun r = run("train", "--data", dir.resolve("absent").toString(), "--model", "linear", "--out", "x");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("data path does not exist"), r.err());
        CliRun m = run("evaluate", "--model", dir.resolve("no-model").toString(), "--data", train.toString());
        assertEquals(2, m.exitCode());
        assertTrue(m.err().contains("no model at"), m.err());
    }

    @Test
    void divergenceExitsNonZeroButLeavesAReadableModel() throws Exception {
        Path out = dir.resolve("diverged");
        CliRun r = run("train", "--data", train.toString(), "--model", "linear", "--lr", "1e9", "--max-iter", "50",
                "--out", out.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("diverged") && r.err().contains("lower learning rate"), r.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("diverged", summary.get("stopReason").asText());
        assertTrue(new ObjectMapper().readTree(out.resolve("model.json").toFile()).get("weights").get(0).get(0).isNumber());
    }

    @Test
    void aSampledRunIsNotStoppedByTheDefaultToleranceWhenTwoNoisyMeansAgreeByChance() throws Exception {
        Path out = dir.resolve("mlp-sampled");
        CliRun r = run("train", "--data", train.toString(), "--model", "mlp", "--layers", "16", "--batch", "size=256",
                "--max-iter", "300", "--progress-every", "300", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("max_iterations", summary.get("stopReason").asText(), summary.toString());
        assertEquals(300, summary.get("iterations").asInt());
    }

    @Test
    void aLossThatExplodesWhileFiniteIsDivergenceToo() throws Exception {
        // Both climb for many iterations without overflowing: linear regression at lr 500,
        // Adam at lr 1e30 (weights jump to the size of the rate).
        String[][] runs = {{"--model", "linear", "--lr", "500"}, {"--model", "logistic", "--optimizer", "adam", "--lr", "1e30"}};
        for (String[] settings : runs) {
            Path out = dir.resolve("exploded-" + settings[1] + "-" + settings[settings.length - 1]);
            List<String> args = new ArrayList<>(List.of("train", "--data", train.toString(), "--max-iter", "100",
                    "--out", out.toString()));
            args.addAll(List.of(settings));
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(1, r.exitCode(), r.err());
            assertTrue(r.err().contains("training diverged at iteration") && r.err().contains("lower learning rate"), r.err());
            assertTrue(r.err().contains("times the first iteration's") || r.err().contains("above 1e+100"),
                    "stopped by the finite-loss rule, not by an overflow: " + r.err());
            JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertEquals("diverged", summary.get("stopReason").asText());
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[]{"train", "evaluate", "predict", "generate"}) {
            CliRun r = run(command, "--help");
            assertEquals(0, r.exitCode(), command);
            assertTrue(r.out().contains("Usage: descent " + command), r.out());
        }
        assertTrue(run("train", "--help").out().contains("--batch"));
    }

    @Test
    void anExistingOutputIsNotOverwrittenUnlessAsked() throws Exception {
        Path out = dir.resolve("twice");
        String[] args = {"train", "--data", train.toString(), "--model", "logistic", "--max-iter", "3", "--out", out.toString()};
        assertEquals(0, run(args).exitCode());
        CliRun again = run(args);
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already exists"), again.err());
        String[] overwrite = java.util.Arrays.copyOf(args, args.length + 1);
        overwrite[args.length] = "--overwrite";
        assertEquals(0, run(overwrite).exitCode());
    }
}
