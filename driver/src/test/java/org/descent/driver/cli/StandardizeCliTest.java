package org.descent.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.checkpoint.CheckpointStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Standardization through the command line: on by default, it makes raw data as good as
 * scaled data; a resumed standardized run ends with the uninterrupted run's bits.
 */
class StandardizeCliTest {

    @TempDir
    static Path dir;

    /** Generated logistic data: standard normal features, as Descent's generator writes them. */
    static Path scaledTrain;
    static Path scaledTest;
    /** The same rows as a user's raw data: feature 1 times 1000, feature 2 shifted by 500. */
    static Path rawTrain;
    static Path rawTest;

    @BeforeAll
    static void data() throws IOException {
        SparkTestContext.get();
        scaledTrain = dir.resolve("train.libsvm");
        scaledTest = dir.resolve("test.libsvm");
        CliRun gen = CliRun.of("generate", "--kind", "logistic", "--rows", "5000", "--features", "10", "--seed", "7",
                "--out", scaledTrain.toString(), "--test-out", scaledTest.toString(), "--test-rows", "2000");
        assertEquals(0, gen.exitCode(), gen.err());
        rawTrain = unscaled(scaledTrain, dir.resolve("raw-train.libsvm"));
        rawTest = unscaled(scaledTest, dir.resolve("raw-test.libsvm"));
    }

    /** Every line of a LIBSVM file with feature 1 multiplied by 1000 and feature 2 shifted by 500. */
    static Path unscaled(Path scaled, Path raw) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(scaled)) {
            String[] fields = line.split(" ");
            for (int f = 1; f < fields.length; f++) {
                int colon = fields[f].indexOf(':');
                String index = fields[f].substring(0, colon);
                double value = Double.parseDouble(fields[f].substring(colon + 1));
                value = index.equals("1") ? value * 1000 : index.equals("2") ? value + 500 : value;
                fields[f] = index + ":" + value;
            }
            lines.add(String.join(" ", fields));
        }
        return TestFiles.write(raw, lines);
    }

    static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    /** Trains logistic regression with --lr 0.5 and the defaults otherwise, and scores the model on {@code test}. */
    static JsonNode trainAndEvaluate(Path train, Path test, String name, String... more) throws IOException {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("train", "--data", train.toString(), "--model", "logistic",
                "--lr", "0.5", "--progress-every", "100", "--out", out.toString()));
        args.addAll(Arrays.asList(more));
        CliRun t = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, t.exitCode(), t.err());
        CliRun e = CliRun.of("evaluate", "--model", out.toString(), "--data", test.toString(), "--json");
        assertEquals(0, e.exitCode(), e.err());
        return new ObjectMapper().readTree(e.out());
    }

    @Test
    void rawDataTrainsAsWellAsScaledDataBecauseStandardizationIsOnByDefault() throws IOException {
        JsonNode scaled = trainAndEvaluate(scaledTrain, scaledTest, "scaled", "--standardize", "false");
        JsonNode standardized = trainAndEvaluate(rawTrain, rawTest, "raw-standardized");
        JsonNode unstandardized = trainAndEvaluate(rawTrain, rawTest, "raw-unstandardized", "--standardize", "false");
        String figures = "scaled " + scaled + ", raw standardized " + standardized + ", raw unstandardized "
                + unstandardized;
        assertEquals(scaled.get("accuracy").asDouble(), standardized.get("accuracy").asDouble(), 0.005, figures);
        assertEquals(scaled.get("auc").asDouble(), standardized.get("auc").asDouble(), 0.005, figures);
        assertTrue(unstandardized.get("accuracy").asDouble() < scaled.get("accuracy").asDouble() - 0.1,
                "the problem standardization solves: " + figures);

        JsonNode model = json(dir.resolve("raw-standardized/model.json"));
        assertTrue(model.get("trainingConfig").get("standardize").asBoolean());
        assertEquals("centered and scaled", json(dir.resolve("raw-standardized/summary.json")).get("standardization").asText());
        assertTrue(Math.abs(model.get("weights").get(0).get(0).asDouble()) < 0.01,
                "written in the features' units: the weight of a feature 1000 times wider is about 1000 times smaller");
    }

    @Test
    void aStandardizedRunResumedFromAMidRunCheckpointEndsWithTheUninterruptedRunsBits() throws Exception {
        String[] run = {"--batch", "fraction=0.2", "--optimizer", "adam", "--lr", "0.05", "--reg-l2", "0.001",
                "--seed", "11", "--partitions", "3", "--tol", "0", "--progress-every", "100"};
        Path whole = dir.resolve("whole");
        assertEquals(0, train(whole, run, "--max-iter", "30").exitCode());

        Path ckpt = dir.resolve("ckpt");
        CliRun first = train(dir.resolve("first"), run, "--max-iter", "12", "--checkpoint-dir", ckpt.toString(),
                "--checkpoint-every", "5");
        assertEquals(0, first.exitCode(), first.err());
        Path mid = ckpt.resolve("ckpt-000010");
        assertTrue(Files.exists(mid.resolve("feature-scales.bin")) && Files.exists(mid.resolve("feature-means.bin")),
                "the statistics the coordinates are in");
        CheckpointCliTest.deleteTree(ckpt.resolve("ckpt-000012"));

        Path resumed = dir.resolve("resumed");
        CliRun b = train(resumed, run, "--max-iter", "30", "--resume", ckpt.toString());
        assertEquals(0, b.exitCode(), b.err());
        assertTrue(b.out().contains("(10 iterations done)"), b.out());
        JsonNode a = json(whole.resolve("model.json"));
        JsonNode r = json(resumed.resolve("model.json"));
        assertEquals(a.get("weights"), r.get("weights"));
        assertEquals(a.get("intercepts").get(0).asDouble(), r.get("intercepts").get(0).asDouble(), 0.0);
        assertEquals(CheckpointCliTest.historyWithoutMillis(whole), CheckpointCliTest.historyWithoutMillis(resumed));
        assertFalse(new CheckpointStore(ckpt.toString(), new Configuration()).newest().orElseThrow().state().scaling()
                .isNone());
    }

    static CliRun train(Path out, String[] run, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", rawTrain.toString(), "--model", "logistic",
                "--out", out.toString()));
        args.addAll(Arrays.asList(run));
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void anUnstandardizedCheckpointIsNotResumedWithStandardization() {
        Path ckpt = dir.resolve("ckpt-off");
        String[] run = {"--max-iter", "3", "--progress-every", "100"};
        assertEquals(0, train(dir.resolve("off"), run, "--standardize", "false", "--checkpoint-dir", ckpt.toString())
                .exitCode());
        CliRun r = train(dir.resolve("on"), run, "--resume", ckpt.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("standardize: checkpoint false, this run true"), r.err());
    }

    @Test
    void theConfigFileKeyTurnsItOffAndABadValueIsRefusedByName() throws IOException {
        Path config = TestFiles.write(dir.resolve("off.conf"), List.of("model = logistic", "standardize = false",
                "max-iter = 2"));
        Path out = dir.resolve("from-config");
        CliRun t = CliRun.of("train", "--config", config.toString(), "--data", rawTrain.toString(), "--out", out.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertFalse(json(out.resolve("model.json")).get("trainingConfig").get("standardize").asBoolean());
        assertTrue(t.out().contains("standardization off"), t.out());

        CliRun bad = CliRun.of("train", "--data", rawTrain.toString(), "--model", "logistic", "--standardize", "yes",
                "--out", dir.resolve("never").toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--standardize"), bad.err());
    }
}
