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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --model mlp} on the command line and in config files: train, evaluate, predict, refusals. */
class MlpCommandLineTest {

    @TempDir
    static Path dir;

    static Path train;
    static Path test;

    @BeforeAll
    static void data() {
        SparkTestContext.get();
        train = dir.resolve("soft.libsvm");
        test = dir.resolve("soft-test.libsvm");
        CliRun gen = CliRun.of("generate", "--kind", "softmax", "--classes", "3", "--rows", "1500", "--features", "6",
                "--seed", "4", "--out", train.toString(), "--test-out", test.toString(), "--test-rows", "500");
        assertEquals(0, gen.exitCode(), gen.err());
    }

    @Test
    void aNetworkTrainsEvaluatesAndPredictsLikeTheOtherModels() throws Exception {
        Path out = dir.resolve("mlp");
        CliRun t = CliRun.of("train", "--data", train.toString(), "--model", "mlp", "--layers", "16,8",
                "--activation", "relu,tanh", "--optimizer", "adam", "--lr", "0.01", "--batch", "size=64",
                "--max-iter", "200", "--tol", "0", "--out", out.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(t.out().startsWith("descent: mlp on 1500 rows x 6 features"), t.out());
        JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
        assertEquals("mlp", model.get("kind").asText());
        assertEquals("softmax", model.get("loss").asText());
        assertEquals("classification", model.get("task").asText());
        assertEquals("[16,8]", model.get("hiddenLayers").toString());
        assertEquals("[\"relu\",\"tanh\"]", model.get("activations").toString());
        JsonNode layers = model.get("layers");
        assertEquals(3, layers.size());
        assertEquals(16, layers.get(0).get("weights").size(), "one row per unit of the first hidden layer");
        assertEquals(6, layers.get(0).get("weights").get(0).size(), "one weight per input");
        assertEquals(3, layers.get(2).get("biases").size());
        assertEquals("[16,8]", model.get("trainingConfig").get("hiddenLayers").toString());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(6 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3, summary.get("numParams").asInt());

        // Softmax regression fits this (linearly generated) data as well as anything can; the
        // network, read back from model.json, must come within 0.03 of it on the test rows.
        Path linear = dir.resolve("softmax");
        assertEquals(0, CliRun.of("train", "--data", train.toString(), "--model", "softmax", "--lr", "0.5", "--max-iter", "300",
                "--out", linear.toString()).exitCode());
        double best = accuracy(linear);
        double network = accuracy(out);
        assertTrue(network > best - 0.03, "network " + network + " vs softmax regression " + best);

        Path predictions = dir.resolve("mlp-predictions");
        CliRun p = CliRun.of("predict", "--model", out.toString(), "--data", test.toString(),
                "--out", predictions.toString());
        assertEquals(0, p.exitCode(), p.err());
        List<String> lines = TestFiles.predictionsCsv(predictions);
        assertEquals("row,prediction,probability", lines.get(0));
        assertEquals(501, lines.size());
        assertTrue(lines.get(1).matches("1,[012],0\\.\\d+(E-\\d+)?"), lines.get(1));
    }

    @Test
    void aRegressionNetworkFromAConfigFile() throws Exception {
        Path data = dir.resolve("lin.libsvm");
        assertEquals(0, CliRun.of("generate", "--kind", "linear", "--rows", "1500", "--features", "4", "--seed", "5",
                "--out", data.toString()).exitCode());
        Path config = TestFiles.write(dir.resolve("mlp.conf"), List.of("model = mlp", "layers = 12",
                "activation = sigmoid", "task = regression", "optimizer = adam", "lr = 0.02", "batch = size=100",
                "max-iter = 300", "tol = 0"));
        Path out = dir.resolve("mlp-regression");
        CliRun t = CliRun.of("train", "--config", config.toString(), "--data", data.toString(),
                "--out", out.toString());
        assertEquals(0, t.exitCode(), t.err());
        JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
        assertEquals("regression", model.get("task").asText());
        assertEquals("squared", model.get("loss").asText());
        assertEquals(0, model.get("numClasses").asInt());
        JsonNode metrics = new ObjectMapper().readTree(CliRun.of("evaluate", "--model", out.toString(), "--data",
                data.toString(), "--json").out());
        assertTrue(metrics.get("r2").asDouble() > 0.9, metrics.toString());
        Path predictions = dir.resolve("reg-predictions");
        assertEquals(0, CliRun.of("predict", "--model", out.toString(), "--data", data.toString(), "--out",
                predictions.toString()).exitCode());
        assertEquals("row,prediction", TestFiles.predictionsCsv(predictions).get(0));
    }

    @Test
    void aNetworkResumedFromACheckpointEndsWithTheUninterruptedRunsBits() throws Exception {
        String[] net = {"train", "--data", train.toString(), "--model", "mlp", "--layers", "6,5", "--activation",
                "tanh", "--optimizer", "adam", "--lr", "0.01", "--batch", "size=50", "--tol", "0", "--seed", "3"};
        Path whole = dir.resolve("net-whole");
        assertEquals(0, CliRun.of(with(net, "--max-iter", "20", "--out", whole.toString())).exitCode());
        Path ckpt = dir.resolve("net-ckpt");
        CliRun first = CliRun.of(with(net, "--max-iter", "12", "--checkpoint-dir", ckpt.toString(),
                "--checkpoint-every", "5", "--out", dir.resolve("net-first").toString()));
        assertEquals(0, first.exitCode(), first.err());
        CheckpointCliTest.deleteTree(ckpt.resolve("ckpt-000012"));
        Path resumed = dir.resolve("net-resumed");
        CliRun b = CliRun.of(with(net, "--max-iter", "20", "--resume", ckpt.toString(), "--out", resumed.toString()));
        assertEquals(0, b.exitCode(), b.err());
        assertTrue(b.out().contains("(10 iterations done)"), b.out());
        JsonNode expected = new ObjectMapper().readTree(whole.resolve("model.json").toFile()).get("layers");
        assertEquals(expected, new ObjectMapper().readTree(resumed.resolve("model.json").toFile()).get("layers"));

        CliRun other = CliRun.of(with(net, "--layers", "6", "--max-iter", "20", "--resume", ckpt.toString(),
                "--out", dir.resolve("net-other").toString()));
        assertEquals(2, other.exitCode());
        assertTrue(other.err().contains("hiddenLayers: checkpoint [6, 5], this run [6]"), other.err());
    }

    private static String[] with(String[] first, String... more) {
        return CheckpointCliTest.with(first, more);
    }

    @Test
    void badNetworkSettingsNameTheKeyAndWhatIsAllowed() {
        assertRefused("layers: '16,x' is not a comma list of widths >= 1 (e.g. 256,128), nor none",
                "--model", "mlp", "--layers", "16,x");
        assertRefused("layers: '16,0' is not a comma list", "--model", "mlp", "--layers", "16,0");
        assertRefused("layers: required by model mlp", "--model", "mlp");
        assertRefused("activation: unknown activation 'swish'; allowed: relu, tanh, sigmoid",
                "--model", "mlp", "--layers", "8", "--activation", "swish");
        assertRefused("activation: give one activation for all 3 hidden layers or one per layer, got 2",
                "--model", "mlp", "--layers", "8,8,8", "--activation", "relu,tanh");
        assertRefused("task: unknown value 'clustering'; allowed: classification, regression",
                "--model", "mlp", "--layers", "8", "--task", "clustering");
        assertRefused("layers: a setting of model mlp, not softmax", "--model", "softmax", "--layers", "8");
        assertRefused("task: a setting of model mlp, not linear", "--model", "linear", "--task", "regression");
        assertRefused("intercept: a network always has biases", "--model", "mlp", "--layers", "8", "--no-intercept");
        assertRefused("num-classes: an mlp with task regression has no classes",
                "--model", "mlp", "--layers", "8", "--task", "regression", "--num-classes", "3");
    }

    private static void assertRefused(String message, String... modelArgs) {
        String[] args = new String[modelArgs.length + 6];
        args[0] = "train";
        args[1] = "--data";
        args[2] = train.toString();
        System.arraycopy(modelArgs, 0, args, 3, modelArgs.length);
        args[args.length - 3] = "--out";
        args[args.length - 2] = dir.resolve("never").toString();
        args[args.length - 1] = "--max-iter=1";
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(message), r.err());
        assertFalse(Files.exists(dir.resolve("never")), "nothing written");
    }

    private static double accuracy(Path model) throws Exception {
        CliRun e = CliRun.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--json");
        assertEquals(0, e.exitCode(), e.err());
        return new ObjectMapper().readTree(e.out()).get("accuracy").asDouble();
    }
}
