package org.descent.driver.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.descent.driver.Refusal.assertRefused;
import static org.descent.driver.Refusal.assertUnchanged;
import static org.descent.driver.Refusal.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing of a user's is lost and nothing silently wrong is accepted: outputs are checked
 * before any data is loaded, {@code --overwrite} replaces only an earlier output of the same
 * kind and never the data, a checkpoint or anything else; model files and checkpoints are
 * checked before they are believed; resume refuses data that is not the data it started on.
 */
class OutputSafetyTest {

    @TempDir
    static Path dir;

    static Path data;
    static Path dataFile;
    static Path model;

    @BeforeAll
    static void data() {
        SparkTestContext.get();
        data = dir.resolve("data");
        dataFile = data.resolve("part-0.libsvm");
        CliRun gen = CliRun.of("generate", "--kind", "logistic", "--rows", "400", "--features", "4", "--seed", "2",
                "--out", dataFile.toString());
        assertEquals(0, gen.exitCode(), gen.err());
        model = dir.resolve("model");
        CliRun t = train(model);
        assertEquals(0, t.exitCode(), t.err());
    }

    static CliRun train(Path out, String... more) {
        return train(data, out, more);
    }

    static CliRun train(Path trainingData, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", trainingData.toString(), "--model", "logistic",
                "--batch", "full", "--lr", "0.5", "--max-iter", "5", "--partitions", "2", "--out", out.toString()));
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The line train prints once the data is loaded: a refusal before loading never prints it. */
    static void assertNotLoaded(CliRun run) {
        assertFalse(run.out().contains(" rows x "), run.out());
    }

    @Test
    void overwritingTheDataDirectoryWithTheModelIsRefusedAndTheDataKept() {
        Map<String, String> before = snapshot(data);
        CliRun run = train(data, "--overwrite");
        assertRefused(run, "--out " + data, "--data", "choose another --out");
        assertNotLoaded(run);
        assertUnchanged(before, data);
    }

    @Test
    void anOutputInsideTheDataDirectoryIsRefused() {
        Map<String, String> before = snapshot(data);
        CliRun run = train(data.resolve("model"));
        assertRefused(run, "is inside --data", "read as input next time");
        assertUnchanged(before, data);
    }

    @Test
    void anOutputThatContainsTheDataIsRefused() throws Exception {
        Path parent = dir.resolve("project");
        Path nested = TestFiles.write(parent.resolve("train.libsvm"), Files.readAllLines(dataFile));
        Map<String, String> before = snapshot(parent);
        CliRun run = train(nested, parent, "--overwrite");
        assertRefused(run, "--out " + parent + " contains --data");
        assertUnchanged(before, parent);
    }

    @Test
    void anExistingOutputIsRefusedBeforeTheDataIsLoaded() {
        Map<String, String> before = snapshot(model);
        CliRun run = train(model);
        assertRefused(run, "--out " + model + " already exists (pass --overwrite to replace it)");
        assertNotLoaded(run);
        assertUnchanged(before, model);
    }

    @Test
    void overwriteReplacesOnlyAnEarlierOutputOfTheSameKind() throws Exception {
        Path mine = dir.resolve("my-notes");
        TestFiles.write(mine.resolve("notes.txt"), List.of("three weeks of work"));
        Map<String, String> before = snapshot(mine);
        CliRun notes = train(mine, "--overwrite");
        assertRefused(notes, "--out " + mine + " is not replaced, even with --overwrite", "it holds notes.txt");
        assertNotLoaded(notes);
        assertUnchanged(before, mine);

        Path earlier = dir.resolve("earlier-model");
        assertEquals(0, train(earlier).exitCode());
        CliRun again = train(earlier, "--overwrite");
        assertEquals(0, again.exitCode(), again.err());
    }

    @Test
    void predictionsNeverReplaceTheDataOrAFileThatIsNotPredictions() throws Exception {
        Map<String, String> before = snapshot(data);
        CliRun onData = CliRun.of("predict", "--model", model.toString(), "--data", dataFile.toString(),
                "--out", dataFile.toString(), "--overwrite");
        assertRefused(onData, "--out " + dataFile + " is --data");
        assertUnchanged(before, data);

        Path report = TestFiles.write(dir.resolve("report.csv"), List.of("quarter,revenue", "1,100"));
        Map<String, String> reportBefore = snapshot(dir.resolve("report.csv"));
        CliRun onReport = CliRun.of("predict", "--model", model.toString(), "--data", dataFile.toString(),
                "--out", report.toString(), "--overwrite");
        assertRefused(onReport, "it does not look like a predictions file");
        assertUnchanged(reportBefore, report);

        Path predictions = dir.resolve("predictions.csv");
        for (int i = 0; i < 2; i++) {
            CliRun ok = CliRun.of("predict", "--model", model.toString(), "--data", dataFile.toString(),
                    "--out", predictions.toString(), "--overwrite");
            assertEquals(0, ok.exitCode(), ok.err());
        }
    }

    @Test
    void theCheckpointDirectoryIsNeitherTheOutputNorTheData() {
        Path out = dir.resolve("with-checkpoints");
        assertRefused(train(out, "--checkpoint-dir", out.toString()), "--out " + out + " is --checkpoint-dir");
        assertRefused(train(out, "--checkpoint-dir", out.resolve("ckpt").toString()), "contains --checkpoint-dir");
        Map<String, String> before = snapshot(data);
        assertRefused(train(out, "--checkpoint-dir", data.toString()), "--checkpoint-dir " + data + " is --data");
        assertUnchanged(before, data);
        assertFalse(Files.exists(out));
    }

    @Test
    void anEarlierRunsCheckpointsAreRefusedBeforeTheDataIsLoaded() {
        Path checkpoints = dir.resolve("old-checkpoints");
        assertEquals(0, train(dir.resolve("first"), "--checkpoint-dir", checkpoints.toString()).exitCode());
        Map<String, String> before = snapshot(checkpoints);
        CliRun again = train(dir.resolve("second"), "--checkpoint-dir", checkpoints.toString());
        assertRefused(again, "already holds checkpoints", "--resume " + checkpoints);
        assertNotLoaded(again);
        assertUnchanged(before, checkpoints);
    }

    @Test
    void aCrashedWritesStagingDirectoryIsSweptByTheNextWriteToTheSamePlace() throws Exception {
        Path out = dir.resolve("swept");
        Path leftover = TestFiles.write(dir.resolve(".swept.tmp-0b5e7c1a").resolve("model.json"), List.of("{"));
        assertEquals(0, train(out).exitCode());
        assertFalse(Files.exists(leftover.getParent()));
        assertTrue(Files.exists(out.resolve("model.json")));
    }

    @Test
    void resumeRefusesDataThatChangedOrMovedSinceTheCheckpoint() throws Exception {
        Path source = dir.resolve("resume-data");
        Path file = TestFiles.write(source.resolve("train.libsvm"), Files.readAllLines(dataFile));
        Path checkpoints = dir.resolve("resume-checkpoints");
        assertEquals(0, train(source, dir.resolve("resume-out"), "--checkpoint-dir", checkpoints.toString(),
                "--checkpoint-every", "2").exitCode());

        // The same bytes under another path.
        Path moved = TestFiles.write(dir.resolve("moved").resolve("train.libsvm"), Files.readAllLines(file));
        CliRun elsewhere = train(moved.getParent(), dir.resolve("resume-out-2"), "--resume", checkpoints.toString(),
                "--max-iter", "8");
        assertRefused(elsewhere, "cannot resume", moved + " is new", file + " is not in this run's data");

        // One label changed in place: same length, another modification time.
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String first = lines.get(0);
        lines.set(0, (first.startsWith("1") ? "0" : "1") + first.substring(1));
        Files.write(file, lines);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        CliRun changed = train(source, dir.resolve("resume-out-3"), "--resume", checkpoints.toString(),
                "--max-iter", "8");
        assertRefused(changed, "cannot resume", "data: " + file.toUri().toString().replace("file:///", "file:/")
                + " changed (checkpoint ");
    }

    @Test
    void aTruncatedCheckpointIsNamedWithTheHintToDeleteIt() throws Exception {
        Path checkpoints = dir.resolve("truncated-checkpoints");
        assertEquals(0, train(dir.resolve("truncated-out"), "--checkpoint-dir", checkpoints.toString(),
                "--checkpoint-every", "2").exitCode());
        Path meta = checkpoints.resolve("ckpt-000005").resolve("checkpoint.json");
        byte[] bytes = Files.readAllBytes(meta);
        Files.write(meta, Arrays.copyOf(bytes, bytes.length / 2));
        CliRun run = train(dir.resolve("truncated-out-2"), "--resume", checkpoints.toString(), "--max-iter", "8");
        assertRefused(run, "ckpt-000005 is unreadable: checkpoint.json is not valid JSON",
                "(delete it to resume from the one before)");
    }

    @Test
    void aModelFileWithANonFiniteWeightIsRefusedNamingTheFile() throws Exception {
        Path tampered = copyModel("tampered-infinite", root -> ((ArrayNode) root.get("weights").get(0)).set(1,
                root.numberNode(new java.math.BigDecimal("1e400"))));
        CliRun evaluate = CliRun.of("evaluate", "--model", tampered.toString(), "--data", dataFile.toString());
        assertRefused(evaluate, tampered.resolve("model.json").toString(), "'weights' holds", "not a finite double");
    }

    @Test
    void aModelFileClaimingMoreFeaturesThanItHoldsIsRefusedBeforeAllocating() throws Exception {
        Path tampered = copyModel("tampered-size", root -> root.put("numFeatures", 2_000_000_000));
        CliRun evaluate = CliRun.of("evaluate", "--model", tampered.toString(), "--data", dataFile.toString());
        assertRefused(evaluate, tampered.resolve("model.json").toString(),
                "weights row 0 has 4 numbers, but numFeatures is 2000000000");
    }

    private static Path copyModel(String name, java.util.function.Consumer<ObjectNode> tamper) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(model.resolve("model.json").toFile());
        tamper.accept(root);
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        Files.writeString(copy.resolve("model.json"), json.writeValueAsString(root));
        return copy;
    }
}
