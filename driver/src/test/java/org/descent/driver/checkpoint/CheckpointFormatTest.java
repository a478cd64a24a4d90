package org.descent.driver.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.train.IterationRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A checkpoint this version of the format wrote, kept as it was written
 * ({@code src/test/resources/checkpoint-v2}), read and resumed by the code of today: a change
 * that would orphan existing checkpoints (a renamed field, another comparison of the run's
 * settings, another byte order) fails here. Made with
 * <pre>
 *   descent generate --kind logistic --rows 60 --features 3 --seed 3 --out train.libsvm
 *   descent train --data train.libsvm {@link #OPTIONS} --max-iter 4 \
 *       --checkpoint-dir ckpt --checkpoint-every 2 --out out
 * </pre>
 * keeping {@code ckpt-000002}, so a resume trains iterations 3 and 4 from it. A deliberate
 * format change bumps {@link CheckpointStore#FORMAT_VERSION} and adds its own checkpoint
 * beside this one. Resuming it also needs the training arithmetic of the version that wrote
 * it, bit for bit, which the project keeps anyway.
 */
class CheckpointFormatTest {

    /** The options of the run that wrote the checkpoint: a rule, a schedule and a batch with settings of their own. */
    static final List<String> OPTIONS = List.of("--model", "logistic", "--batch", "fraction=0.5", "--optimizer", "adam",
            "--beta2", "0.99", "--lr", "0.05", "--schedule", "step", "--step-every", "3", "--gamma", "0.5",
            "--warmup", "2", "--clip-norm", "5", "--reg-l2", "0.01", "--seed", "7", "--partitions", "2", "--tol", "0",
            "--max-iter", "4", "--standardize", "false");

    @TempDir
    static Path dir;

    static Path data;
    static Path ckpt;

    /**
     * Copies the checkpoint and its data into a fresh directory. The checkpoint records where
     * its data was and when it was modified: the copy gets the recorded modification time, and
     * the copy's checkpoint.json its new path; nothing else is touched.
     */
    @BeforeAll
    static void copy() throws Exception {
        SparkTestContext.get();
        Path pinned = resource("checkpoint-v2");
        data = dir.resolve("train.libsvm");
        Files.copy(pinned.resolve("train.libsvm"), data);
        ckpt = dir.resolve("ckpt");
        Path copy = Files.createDirectories(ckpt.resolve("ckpt-000002"));
        try (Stream<Path> files = Files.list(pinned.resolve("ckpt/ckpt-000002"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode meta = (ObjectNode) json.readTree(copy.resolve("checkpoint.json").toFile());
        ObjectNode file = (ObjectNode) meta.path("data").path("files").get(0);
        Files.setLastModifiedTime(data, FileTime.fromMillis(file.path("modificationTime").asLong()));
        file.put("path", "file:" + data.toAbsolutePath());
        json.writerWithDefaultPrettyPrinter().writeValue(copy.resolve("checkpoint.json").toFile(), meta);
    }

    @Test
    void itReadsBackAsWritten() {
        Checkpoint read = new CheckpointStore(ckpt.toString(), new Configuration()).read(2);
        assertEquals(2, read.iteration());
        assertNull(read.state().stopReason());
        assertEquals(new ModelSpec(ModelKind.LOGISTIC, 3, 2, true), read.run().spec(read.location()));
        assertEquals(4, read.state().params().length);
        assertEquals(2, read.state().optimizerState().steps());
        assertEquals(2 * 4, read.state().optimizerState().slots().length, "Adam's two moments per parameter");
        List<IterationRecord> history = read.state().history();
        assertEquals(List.of(1, 2), history.stream().map(IterationRecord::iteration).toList());
        assertEquals(0.025, history.get(0).learningRate(), 0.0, "half of lr 0.05 in the first of two warm-up iterations");
        assertEquals(7, read.run().seed());
        assertEquals("adam", read.run().settings().path("optimizer").path("name").asText());
    }

    @Test
    void theSameOptionsResumeFromItAndEndWithTheUninterruptedRunsBits() throws Exception {
        Path whole = dir.resolve("whole");
        CliRun uninterrupted = train(whole);
        assertEquals(0, uninterrupted.exitCode(), uninterrupted.err());

        Path resumed = dir.resolve("resumed");
        // Later checkpoints elsewhere, so the copy stays as it was written.
        CliRun resume = train(resumed, "--resume", ckpt.toString(), "--checkpoint-dir", dir.resolve("later").toString());
        assertEquals(0, resume.exitCode(), resume.err());
        assertTrue(resume.out().contains("(2 iterations done)"), resume.out());
        assertFalse(resume.out().contains("iter 1/4") || resume.out().contains("iter 2/4"), resume.out());
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(whole.resolve("model.json").toFile()).path("weights"),
                json.readTree(resumed.resolve("model.json").toFile()).path("weights"));
        assertEquals(json.readTree(whole.resolve("model.json").toFile()).path("intercepts"),
                json.readTree(resumed.resolve("model.json").toFile()).path("intercepts"));
        assertEquals(withoutMillis(whole.resolve("history.csv")), withoutMillis(resumed.resolve("history.csv")));
    }

    @Test
    void otherSettingsAreRefusedNamingEachField() {
        CliRun other = train(dir.resolve("other"), "--optimizer", "adamw", "--beta2", "0.99", "--lr", "0.02",
                "--resume", ckpt.toString());
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("cannot resume from") && other.err().contains("ckpt-000002: it belongs to "
                + "another run (optimizer: checkpoint adam, this run adamw; lr: checkpoint 0.05, this run 0.02)"),
                other.err());
    }

    private static CliRun train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString()));
        args.addAll(OPTIONS);
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** history.csv without its wall-time column, which no two runs share. */
    private static List<String> withoutMillis(Path history) throws Exception {
        return TestFiles.historyWithoutMillis(history);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(CheckpointFormatTest.class.getClassLoader().getResource(name).toURI());
    }
}
