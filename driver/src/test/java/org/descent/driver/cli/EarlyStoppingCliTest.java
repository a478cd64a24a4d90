package org.descent.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.descent.driver.CliRun;
import org.descent.driver.Refusal;
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
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validation and early stopping through the command line, on a problem built to over-fit:
 * 120 rows of 150 standard normal features, a label that depends on two of them plus noise, no
 * penalty. About 90 training rows are separable in 150 dimensions, so plain gradient descent
 * drives the training loss to 0 while the held-out loss first falls, then rises as the weights
 * grow along the noise.
 */
class EarlyStoppingCliTest {

    static final int EVERY = 5;
    static final int PATIENCE = 3;

    @TempDir
    static Path dir;
    static Path data;

    /** The early-stopped run: its summary and history. */
    static JsonNode summary;
    static List<String> history;

    @BeforeAll
    static void overFittingDataAndOneEarlyStoppedRun() throws IOException {
        SparkTestContext.get();
        SplittableRandom rng = new SplittableRandom(5);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            double[] x = new double[150];
            for (int j = 0; j < x.length; j++) {
                x[j] = Math.rint(TestFiles.gaussian(rng) * 1e4) / 1e4;
            }
            double signal = x[0] + x[1] + 1.5 * TestFiles.gaussian(rng);
            lines.add(TestFiles.libsvm(signal > 0 ? 1 : 0, x));
        }
        data = TestFiles.write(dir.resolve("wide.libsvm"), lines);
        CliRun run = train(dir.resolve("stopped"), "--max-iter", "400", "--early-stop-patience", "" + PATIENCE);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(" val "), "the progress line shows the validation loss: " + run.out());
        summary = json(dir.resolve("stopped/summary.json"));
        history = Files.readAllLines(dir.resolve("stopped/history.csv"));
        // The figures docs/validation.md quotes.
        System.out.println("early-stopped run: " + summary);
        history.stream().filter(line -> !line.endsWith(",,")).forEach(line -> System.out.println("history: " + line));
    }

    static final String[] RUN = {"--model", "logistic", "--standardize", "false", "--lr", "0.05", "--tol", "0",
            "--seed", "3", "--partitions", "2", "--progress-every", "" + EVERY, "--validation-fraction", "0.25",
            "--validate-every", "" + EVERY};

    static CliRun train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--out", out.toString()));
        args.addAll(Arrays.asList(RUN));
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    /** history.csv's validation_loss column, by iteration (NaN where not scored). */
    static double[] validationLosses(List<String> csv) {
        double[] losses = new double[csv.size()];
        for (int i = 1; i < csv.size(); i++) {
            String field = csv.get(i).split(",", -1)[6];
            losses[i] = field.isEmpty() ? Double.NaN : Double.parseDouble(field);
        }
        return losses;
    }

    @Test
    void itStopsPatienceEvaluationsAfterTheBestValidationLossAndWritesThatIterationsModel() throws IOException {
        assertEquals("early_stopped", summary.get("stopReason").asText(), summary.toString());
        int best = summary.get("bestIteration").asInt();
        int iterations = summary.get("iterations").asInt();
        assertEquals(best + PATIENCE * EVERY, iterations, "stopped at the patience-th evaluation after the best");
        assertTrue(iterations < 400, "stopped before max-iter: " + summary);

        assertEquals("iteration,loss,gradient_norm,learning_rate,batch_rows,millis,validation_loss,validation_metric",
                history.get(0));
        double[] losses = validationLosses(history);
        assertEquals(summary.get("bestValidationLoss").asDouble(), losses[best], 0.0);
        for (int t = 1; t < losses.length; t++) {
            assertEquals(t % EVERY == 0, !Double.isNaN(losses[t]), "scored exactly every " + EVERY + ": iteration " + t);
            if (t % EVERY == 0 && t != best) {
                assertTrue(losses[t] > losses[best] || (t > best && losses[t] >= losses[best]),
                        "iteration " + best + " has the least validation loss; iteration " + t + " " + losses[t]);
            }
        }
        assertTrue(losses[iterations] > losses[best], "over-fitting: the loss rose after the best");

        // The same run cut at the best iteration, without early stopping, ends with the written model's bits.
        CliRun cut = train(dir.resolve("cut"), "--max-iter", "" + best);
        assertEquals(0, cut.exitCode(), cut.err());
        JsonNode stopped = json(dir.resolve("stopped/model.json"));
        JsonNode atBest = json(dir.resolve("cut/model.json"));
        assertEquals(atBest.get("weights"), stopped.get("weights"));
        assertEquals(atBest.get("intercepts"), stopped.get("intercepts"));
        assertEquals("last iteration", json(dir.resolve("cut/summary.json")).get("writtenModel").asText());
    }

    @Test
    void aRunResumedFromACheckpointAfterTheBestStopsWhereTheUninterruptedOneDidWithItsModelAndHistory()
            throws Exception {
        int iterations = summary.get("iterations").asInt();
        int best = summary.get("bestIteration").asInt();
        Path ckpt = dir.resolve("ckpt");
        CliRun first = train(dir.resolve("first"), "--max-iter", "" + (iterations - 1), "--early-stop-patience",
                "" + PATIENCE, "--checkpoint-dir", ckpt.toString(), "--checkpoint-every", "" + EVERY);
        assertEquals(0, first.exitCode(), first.err());
        CheckpointCliTest.deleteTree(ckpt.resolve(String.format("ckpt-%06d", iterations - 1)));
        int from = iterations - EVERY;
        assertTrue(from > best, "the checkpoint resumed holds the best parameters, not the current ones");
        assertTrue(Files.exists(ckpt.resolve(String.format("ckpt-%06d", from)).resolve("best-params.bin")));

        Path resumed = dir.resolve("resumed");
        CliRun r = train(resumed, "--max-iter", "400", "--early-stop-patience", "" + PATIENCE, "--resume",
                ckpt.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("(" + from + " iterations done)"), r.out());
        assertEquals(json(dir.resolve("stopped/model.json")).get("weights"), json(resumed.resolve("model.json")).get("weights"));
        assertEquals(historyWithoutMillis(dir.resolve("stopped")), historyWithoutMillis(resumed));
        JsonNode s = json(resumed.resolve("summary.json"));
        assertEquals(summary.get("bestIteration"), s.get("bestIteration"));
        assertEquals(summary.get("bestValidationLoss"), s.get("bestValidationLoss"));
        assertEquals("early_stopped", s.get("stopReason").asText());
    }

    static List<String> historyWithoutMillis(Path out) throws IOException {
        return TestFiles.historyWithoutMillis(out.resolve("history.csv"));
    }

    @Test
    void validationDataOfItsOwnIsScoredEveryNIterationsAndTheLastModelWrittenWithoutPatience() throws IOException {
        List<String> rows = Files.readAllLines(data).subList(0, 40);
        Path validation = TestFiles.write(dir.resolve("validation.libsvm"), rows);
        Path out = dir.resolve("own");
        CliRun run = CliRun.of("train", "--data", data.toString(), "--validation", validation.toString(), "--model",
                "logistic", "--standardize", "false", "--lr", "0.05", "--max-iter", "10", "--validate-every", "5",
                "--progress-every", "5", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode s = json(out.resolve("summary.json"));
        assertEquals(120, s.get("rows").asInt(), "every --data row trains");
        assertEquals(40, s.get("validationRows").asInt());
        assertEquals("last iteration", s.get("writtenModel").asText());
        double[] losses = validationLosses(Files.readAllLines(out.resolve("history.csv")));
        assertTrue(!Double.isNaN(losses[5]) && !Double.isNaN(losses[10]) && Double.isNaN(losses[7]));
        assertEquals(losses[10], s.get("writtenModelValidation").get("loss").asDouble(), 0.0,
                "the written model is iteration 10's, scored by the same pass");
        assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "val %.4g", losses[10])), run.out());
    }

    @Test
    void badValuesAreRefusedInOneLineNamingTheOption() {
        String[] base = {"train", "--data", data.toString(), "--model", "logistic", "--out",
                dir.resolve("never").toString()};
        Refusal.assertRefused(CliRun.of(concat(base, "--validation-fraction", "1.5")), "validation-fraction", "1.5");
        Refusal.assertRefused(CliRun.of(concat(base, "--validation-fraction", "0")), "validation-fraction");
        Refusal.assertRefused(CliRun.of(concat(base, "--early-stop-patience", "3")), "early-stop-patience",
                "--validation");
        Refusal.assertRefused(CliRun.of(concat(base, "--validation-fraction", "0.2", "--early-stop-patience", "-1")),
                "early-stop-patience");
        Refusal.assertRefused(CliRun.of(concat(base, "--validation-fraction", "0.2", "--validate-every", "0")),
                "validate-every");
        Refusal.assertRefused(CliRun.of(concat(base, "--validation-fraction", "0.2", "--validation", "v")),
                "validation-fraction", "not both");
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
