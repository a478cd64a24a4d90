package org.descent.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.descent.driver.CliRun;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.descent.driver.Refusal.assertRefused;
import static org.descent.driver.Refusal.assertUnchanged;
import static org.descent.driver.Refusal.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code descent tune} through the command line, on least-squares problems whose good learning
 * rates are known: rows of independent standard normal features, so the loss's Hessian is
 * about the identity. Gradient descent with rate η shrinks the error by |1 − η| per iteration:
 * η = 1 solves the problem in one step, every η in [0.2, 2) gets within a few percent of the
 * optimum in ten iterations, smaller rates crawl and rates above 2 diverge.
 */
class TuneCommandTest {

    @TempDir
    static Path dir;
    /** y = w·x + 0.1 noise. */
    static Path noisy;
    /** y = w·x exactly: a rate's rank is the same at every budget (see the halving test). */
    static Path exact;

    static final double[] W = {1, -2, 0.5, 1.5, -1};

    @BeforeAll
    static void data() throws IOException {
        SparkTestContext.get();
        noisy = regression("noisy.libsvm", 0.1);
        exact = regression("exact.libsvm", 0);
    }

    static Path regression(String name, double noise) throws IOException {
        double[][] x = TestFiles.gaussianRows(2000, W.length, 11);
        SplittableRandom rng = new SplittableRandom(12);
        List<String> lines = new ArrayList<>();
        for (double[] row : x) {
            double y = 0.3;
            for (int j = 0; j < W.length; j++) {
                y += W[j] * row[j];
            }
            y += noise * TestFiles.gaussian(rng);
            lines.add(TestFiles.libsvm(Math.rint(y * 1e6) / 1e6, row));
        }
        return TestFiles.write(dir.resolve(name), lines);
    }

    static CliRun tune(Path data, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("tune", "--data", data.toString(), "--out", out.toString(),
                "--model", "linear", "--standardize", "false", "--tol", "0", "--partitions", "2"));
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** trials.csv as rows of fields by column name. */
    static List<Map<String, String>> trials(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("trials.csv"));
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            // Commas inside quotes (a network's widths) do not separate fields.
            String[] fields = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], fields[i].replaceAll("^\"|\"$", ""));
            }
            rows.add(row);
        }
        return rows;
    }

    static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    static long gradientRows(CliRun run) {
        Matcher m = Pattern.compile("trials in [0-9.]+ s, (\\d+) gradient rows").matcher(run.out());
        assertTrue(m.find(), run.out());
        return Long.parseLong(m.group(1));
    }

    @Test
    void randomSearchOverSixDecadesFindsALearningRateInTheGoodDecadeAndDivergingTrialsDropOut() throws IOException {
        Path out = dir.resolve("random");
        CliRun run = tune(noisy, out, "--search", "lr=logu:1e-4:1e2", "--trials", "24", "--max-iter", "10",
                "--validate-every", "1", "--seed", "5");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        List<Map<String, String>> rows = trials(out);
        assertEquals(24, rows.size());
        double best = Double.parseDouble(rows.get(0).get("lr"));
        assertTrue(best >= 0.2 && best < 2, "the best learning rate " + best + " is in [0.2, 2): " + rows);
        assertEquals("1", rows.get(0).get("rank"));

        // Every rate above 2 grows the error; the large ones blow up within ten iterations and stop alone.
        long diverged = rows.stream().filter(r -> r.get("stop_reason").equals("diverged")).count();
        assertTrue(diverged >= 1, "some trial diverged: " + rows);
        for (Map<String, String> r : rows) {
            double lr = Double.parseDouble(r.get("lr"));
            if (r.get("stop_reason").equals("diverged")) {
                assertTrue(lr > 2, r.toString());
                assertEquals("", r.get("rank"), "a diverged trial is not ranked");
                assertTrue(Integer.parseInt(r.get("iterations")) < 10, r.toString());
            } else {
                assertEquals("max_iterations", r.get("stop_reason"), r.toString());
                assertEquals("10", r.get("iterations"), "the others ran on: " + r);
            }
        }
        int firstDiverged = rows.indexOf(rows.stream().filter(r -> r.get("stop_reason").equals("diverged")).findFirst()
                .orElseThrow());
        assertTrue(rows.subList(firstDiverged, rows.size()).stream().allMatch(r -> r.get("rank").isEmpty()),
                "diverged trials are listed last");

        // One progress line per evaluation at most, and one per rung's end with the trials running and the best so far.
        assertTrue(run.out().contains("rung 1/1 (10 it)"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("tune ") && l.contains("best loss ")
                && l.contains("end of rung")), run.out());

        assertTrue(Files.exists(out.resolve("report.html")));
        String md = Files.readString(out.resolve("trials.md"));
        assertTrue(md.contains("| rank | trial | lr | validation_loss | best_iteration | iterations | stop_reason | rung |"),
                md);
        JsonNode summary = json(out.resolve("best/summary.json"));
        assertEquals(Double.parseDouble(rows.get(0).get("validation_loss")), summary.get("tuneScore").asDouble());
        assertTrue(Files.readString(out.resolve("best/train.conf")).contains("lr = " + rows.get(0).get("lr")));
    }

    @Test
    void successiveHalvingPicksTheFullSearchsBestTrialWithLessWorkAndItsModelIsTrainsOwn() throws IOException {
        String[] search = {"--search", "lr=logu:1e-3:0.5", "--trials", "9", "--max-iter", "9", "--validate-every", "1",
                "--seed", "3"};
        Path fullOut = dir.resolve("full");
        CliRun full = tune(exact, fullOut, search);
        assertEquals(0, full.exitCode(), full.err());
        List<String> halvingArgs = new ArrayList<>(List.of(search));
        halvingArgs.addAll(List.of("--halving", "3", "--min-iter", "1"));
        Path halvedOut = dir.resolve("halved");
        CliRun halved = tune(exact, halvedOut, halvingArgs.toArray(String[]::new));
        assertEquals(0, halved.exitCode(), halved.err());

        Map<String, String> fullBest = trials(fullOut).get(0);
        List<Map<String, String>> halvedRows = trials(halvedOut);
        Map<String, String> halvedBest = halvedRows.get(0);
        assertEquals(fullBest.get("trial"), halvedBest.get("trial"));
        assertEquals(fullBest.get("validation_loss"), halvedBest.get("validation_loss"), "the same trial, the same bits");
        assertEquals("3", halvedBest.get("rung"));
        // Rungs of 1, 3 and 9 iterations: 9 trials, then 3, then 1.
        assertEquals(6, halvedRows.stream().filter(r -> r.get("rung").equals("1")).count(), halvedRows.toString());
        assertEquals(2, halvedRows.stream().filter(r -> r.get("rung").equals("2")).count(), halvedRows.toString());
        assertEquals(8, halvedRows.stream().filter(r -> r.get("stop_reason").equals("dropped")).count());
        long fullWork = gradientRows(full);
        long halvedWork = gradientRows(halved);
        assertTrue(halvedWork * 2 < fullWork, "halving computed " + halvedWork + " gradient rows, the full search "
                + fullWork);

        // best/ is what descent train writes for that trial's settings, though the search trained it in three steps.
        Path retrained = dir.resolve("retrained");
        CliRun train = CliRun.of("train", "--config", halvedOut.resolve("best/train.conf").toString(), "--data",
                exact.toString(), "--partitions", "2", "--out", retrained.toString());
        assertEquals(0, train.exitCode(), train.err());
        JsonNode tuned = json(halvedOut.resolve("best/model.json"));
        JsonNode trained = json(retrained.resolve("model.json"));
        assertEquals(trained.get("weights"), tuned.get("weights"));
        assertEquals(trained.get("intercepts"), tuned.get("intercepts"));
        assertEquals(TestFiles.historyWithoutMillis(retrained.resolve("history.csv")),
                TestFiles.historyWithoutMillis(halvedOut.resolve("best/history.csv")));
    }

    @Test
    void oneAndFivePartitionsHoldOutTheSameValidationRows() throws IOException {
        Map<Integer, List<Map<String, String>>> byPartitions = new HashMap<>();
        for (int partitions : new int[]{1, 5}) {
            Path out = dir.resolve("partitions-" + partitions);
            CliRun run = tune(noisy, out, "--search", "lr=0.1|0.5", "--grid", "--max-iter", "5", "--validate-every",
                    "5", "--partitions", "" + partitions);
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("(" + partitions + " partitions), validation on "), run.out());
            assertEquals(json(dir.resolve("partitions-1/best/summary.json")).get("validationRows"),
                    json(out.resolve("best/summary.json")).get("validationRows"));
            byPartitions.put(partitions, trials(out));
        }
        // The same rows give the same losses but for the order of the sums (the rounding of the last bits).
        for (int i = 0; i < 2; i++) {
            Map<String, String> one = byPartitions.get(1).get(i);
            Map<String, String> five = byPartitions.get(5).get(i);
            assertEquals(one.get("trial"), five.get("trial"));
            double a = Double.parseDouble(one.get("validation_loss"));
            assertEquals(a, Double.parseDouble(five.get("validation_loss")), 1e-12 * a);
        }
    }

    @Test
    void aConfigFileGivesTheSearchAndABadKeyThereIsNamedAtItsLine() throws IOException {
        Path conf = TestFiles.write(dir.resolve("tune.conf"), List.of("# a grid of two", "search = lr=0.1|1",
                "grid = true", "max-iter = 3"));
        Path out = dir.resolve("from-config");
        CliRun run = tune(noisy, out, "--config", conf.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(2, trials(out).size());

        Path bad = TestFiles.write(dir.resolve("bad.conf"), List.of("search = learning-rate=0.1|1"));
        assertRefused(tune(noisy, dir.resolve("never"), "--config", bad.toString()),
                bad + ":1: search: learning-rate: not a training setting; searchable: ");
    }

    @Test
    void aNetworksLayersMayComeFromTheSearchAlone() throws IOException {
        Path out = dir.resolve("mlp");
        CliRun run = CliRun.of("tune", "--data", noisy.toString(), "--out", out.toString(), "--model", "mlp",
                "--task", "regression", "--max-iter", "4", "--partitions", "2", "--metric", "rmse", "--grid",
                "--search", "layers=4|8,4,lr=0.01");
        assertEquals(0, run.exitCode(), run.err());
        List<Map<String, String>> rows = trials(out);
        assertEquals(2, rows.size());
        assertTrue(rows.stream().anyMatch(r -> r.get("layers").equals("8,4")), rows.toString());
        assertTrue(rows.get(0).containsKey("validation_rmse"));
        assertTrue(Files.readString(out.resolve("best/train.conf")).contains("task = regression"));
    }

    @Test
    void badSearchesAreRefusedBeforeAnyDataIsRead() {
        assertRefused(tune(dir.resolve("missing.libsvm"), dir.resolve("never"), "--search", "lr=logu:0:1"),
                "search: lr: logu:LO:HI needs 0 < LO < HI");
        assertRefused(tune(dir.resolve("missing.libsvm"), dir.resolve("never"), "--search", "lr=0.1",
                "--lr", "0.2"), "search: lr: also given as --lr; give it in one place");
        assertRefused(tune(dir.resolve("missing.libsvm"), dir.resolve("never"), "--search", "lr=0.1", "--metric",
                "accuracy"), "metric: accuracy is not a metric of a regression model; allowed: loss, rmse");
        assertRefused(tune(dir.resolve("missing.libsvm"), dir.resolve("never"), "--search", "lr=0.1", "--halving",
                "3", "--min-iter", "5", "--max-iter", "50"), "min-iter: 5 is not a multiple of --validate-every 10");
        assertRefused(tune(dir.resolve("missing.libsvm"), dir.resolve("never"), "--search", "lr=0.1|0.2",
                "--local-steps", "4"), "local-steps: trials of a search train synchronously");
        assertRefused(tune(dir.resolve("missing.libsvm"), dir.resolve("never"), "--search", "local-steps=1|8"),
                "local-steps: trials of a search train synchronously");
    }

    @Test
    void outputsAreCheckedBeforeTheDataIsLoadedAndOverwriteNeverDeletesTheData() throws IOException {
        Path data = dir.resolve("data-dir");
        TestFiles.write(data.resolve("part-0.libsvm"), Files.readAllLines(noisy));
        Map<String, String> before = snapshot(data);
        CliRun intoData = tune(data, data, "--search", "lr=0.1", "--max-iter", "2", "--overwrite");
        assertRefused(intoData, "--out " + data, "--data", "choose another --out");
        assertFalse(intoData.out().contains(" rows x "), "refused before loading: " + intoData.out());
        assertUnchanged(before, data);

        Path mine = dir.resolve("my-notes");
        TestFiles.write(mine.resolve("notes.txt"), List.of("three weeks of work"));
        Map<String, String> notes = snapshot(mine);
        assertRefused(tune(noisy, mine, "--search", "lr=0.1", "--max-iter", "2", "--overwrite"),
                "--out " + mine + " is not replaced, even with --overwrite", "it holds notes.txt");
        assertUnchanged(notes, mine);

        Path earlier = dir.resolve("earlier");
        CliRun first = tune(noisy, earlier, "--search", "lr=0.1", "--max-iter", "2");
        assertEquals(0, first.exitCode(), first.err() + first.out());
        CliRun exists = tune(dir.resolve("missing.libsvm"), earlier, "--search", "lr=0.1", "--max-iter", "2");
        assertRefused(exists, "--out " + earlier + " already exists (pass --overwrite to replace it)");
        CliRun again = tune(noisy, earlier, "--search", "lr=0.2", "--max-iter", "2", "--overwrite");
        assertEquals(0, again.exitCode(), "an earlier tune output, best/ included, is replaced: " + again.err());
        assertTrue(Files.readString(earlier.resolve("trials.csv")).contains("0.2"));
    }
}
