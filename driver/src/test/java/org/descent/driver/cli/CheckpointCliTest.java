package org.descent.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.descent.driver.SparkTestContext;
import org.descent.driver.checkpoint.Checkpoint;
import org.descent.driver.checkpoint.CheckpointStore;
import org.descent.driver.CliRun;
import org.descent.driver.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints, resume and divergence through the command line, on the shared local[2] context. */
class CheckpointCliTest {

    @TempDir
    static Path dir;

    static Path data;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void data() {
        SparkTestContext.get();
        data = dir.resolve("train.libsvm");
        CliRun gen = run("generate", "--kind", "logistic", "--rows", "3000", "--features", "8", "--seed", "5",
                "--out", data.toString());
        assertEquals(0, gen.exitCode(), gen.err());
    }

    /** A mini-batch run whose every iteration samples, so a wrong iteration number would show. */
    static List<String> trainArgs(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--model", "logistic",
                "--batch", "fraction=0.2", "--lr", "0.5", "--reg-l2", "0.001", "--seed", "11", "--partitions", "3",
                "--tol", "0", "--out", out.toString()));
        args.addAll(Arrays.asList(more));
        return args;
    }

    static CliRun train(Path out, String... more) {
        return run(trainArgs(out, more).toArray(String[]::new));
    }

    static JsonNode model(Path out) throws Exception {
        return new ObjectMapper().readTree(out.resolve("model.json").toFile());
    }

    /** history.csv without its wall-time column, which no two runs share. */
    static List<String> historyWithoutMillis(Path out) throws Exception {
        return TestFiles.historyWithoutMillis(out.resolve("history.csv"));
    }

    /** Adam's moments and a warm-up then step-decay schedule: state and iteration number both matter. */
    static final String[] ADAM = {"--optimizer", "adam", "--lr", "0.05", "--warmup", "3", "--schedule", "step",
            "--step-every", "8", "--gamma", "0.5"};

    static String[] with(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aRunResumedFromAMidRunCheckpointEndsWithTheUninterruptedRunsBits() throws Exception {
        Path whole = dir.resolve("whole");
        CliRun a = train(whole, with(ADAM, "--max-iter", "30"));
        assertEquals(0, a.exitCode(), a.err());

        Path ckpt = dir.resolve("ckpt-resume");
        CliRun first = train(dir.resolve("first"), with(ADAM, "--max-iter", "12", "--checkpoint-dir", ckpt.toString(),
                "--checkpoint-every", "5"));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("checkpoint after iteration 10"), first.out());
        CheckpointStore store = new CheckpointStore(ckpt.toString(), new Configuration());
        assertEquals(List.of(10, 12), store.iterations(), "the final checkpoint and the one before");
        // Resume from the mid-run checkpoint, as after a crash between iterations 10 and 12.
        deleteTree(ckpt.resolve("ckpt-000012"));

        Path resumed = dir.resolve("resumed");
        CliRun b = train(resumed, with(ADAM, "--max-iter", "30", "--resume", ckpt.toString()));
        assertEquals(0, b.exitCode(), b.err());
        assertTrue(b.out().contains("resuming from") && b.out().contains("(10 iterations done)"), b.out());
        assertFalse(b.out().contains("iter  1/30"), "no iteration is run twice: " + b.out());
        assertEquals(model(whole).get("weights"), model(resumed).get("weights"));
        assertEquals(model(whole).get("intercepts").get(0).asDouble(), model(resumed).get("intercepts").get(0).asDouble(), 0.0);
        assertEquals(historyWithoutMillis(whole), historyWithoutMillis(resumed), "the whole history, iterations 1 to 30");
        assertEquals(30, store.newest().orElseThrow().iteration());
        assertEquals(30, store.newest().orElseThrow().state().optimizerState().steps());
        assertEquals(2 * 9, store.newest().orElseThrow().state().optimizerState().slots().length,
                "Adam's two moments of 8 weights and an intercept");
    }

    @Test
    void aCheckpointOfAnotherRunIsRefusedNamingWhatDiffers() {
        Path ckpt = dir.resolve("ckpt-other");
        assertEquals(0, train(dir.resolve("m1"), "--max-iter", "5", "--checkpoint-dir", ckpt.toString()).exitCode());
        CliRun r = train(dir.resolve("m2"), "--max-iter", "10", "--num-features", "9", "--lr", "0.1",
                "--resume", ckpt.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("cannot resume from") && r.err().contains("ckpt-000005"), r.err());
        assertTrue(r.err().contains("numFeatures: checkpoint 8, this run 9"), r.err());
        assertTrue(r.err().contains("numFeatures: checkpoint 8, this run 9; lr: checkpoint 0.5, this run 0.1"), r.err());
        assertFalse(Files.exists(dir.resolve("m2")));
    }

    @Test
    void aFreshRunDoesNotMixItsCheckpointsWithAnOldRunsUnlessToldTo() {
        Path ckpt = dir.resolve("ckpt-fresh");
        assertEquals(0, train(dir.resolve("f1"), "--max-iter", "3", "--checkpoint-dir", ckpt.toString()).exitCode());
        CliRun again = train(dir.resolve("f2"), "--max-iter", "3", "--checkpoint-dir", ckpt.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already holds checkpoints") && again.err().contains("--resume"), again.err());
        CliRun over = train(dir.resolve("f3"), "--max-iter", "4", "--checkpoint-dir", ckpt.toString(), "--overwrite");
        assertEquals(0, over.exitCode(), over.err());
        assertEquals(List.of(4), new CheckpointStore(ckpt.toString(), new Configuration()).iterations());

        CliRun alone = train(dir.resolve("f4"), "--checkpoint-every", "5");
        assertEquals(2, alone.exitCode());
        assertTrue(alone.err().contains("checkpoint-every: needs --checkpoint-dir"), alone.err());
        CliRun nothing = train(dir.resolve("f5"), "--resume", dir.resolve("no-such-dir").toString());
        assertEquals(2, nothing.exitCode());
        assertTrue(nothing.err().contains("resume: no checkpoint in"), nothing.err());
    }

    @Test
    void divergenceStopsWithTheIterationAndAHintAndLeavesTheLastGoodCheckpoint() throws Exception {
        Path ckpt = dir.resolve("ckpt-diverge");
        Path out = dir.resolve("diverged");
        // Linear regression on 0/1 labels, standardized, with lr 2.6: each step multiplies the
        // error along the steepest direction by |1 - 2.6 x its curvature| > 1, so the loss grows
        // by a constant factor until it passes a million times the first (iteration 17).
        CliRun r = run("train", "--data", data.toString(), "--model", "linear", "--lr", "2.6", "--max-iter", "500",
                "--tol", "0", "--partitions", "3", "--checkpoint-dir", ckpt.toString(), "--checkpoint-every", "5",
                "--out", out.toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        String message = r.err();
        assertTrue(message.contains("training diverged at iteration ") && message.contains("try a lower learning rate"),
                message);
        int divergedAt = Integer.parseInt(message.replaceAll("(?s).*diverged at iteration (\\d+).*", "$1"));
        assertTrue(divergedAt > 5, "diverges late enough to checkpoint first: " + divergedAt);
        Checkpoint last = new CheckpointStore(ckpt.toString(), new Configuration()).newest().orElseThrow();
        assertEquals((divergedAt - 1) / 5 * 5, last.iteration(), "the last checkpoint before the divergence");
        assertTrue(Arrays.stream(last.state().params()).allMatch(Double::isFinite));
        assertEquals("failed", new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("status").asText());
    }

    static void deleteTree(Path root) throws Exception {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
