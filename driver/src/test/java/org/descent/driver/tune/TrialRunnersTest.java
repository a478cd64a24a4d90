package org.descent.driver.tune;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.BlockStorage;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.load.ValidationSplit;
import org.descent.driver.train.IterationRecord;
import org.descent.driver.train.StopReason;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSettings;
import org.descent.driver.train.TrainingSetup;
import org.descent.driver.train.ValidationSettings;
import org.descent.sampling.HoldOutRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trials advanced a budget at a time end where {@code descent train}'s trainer ends alone,
 * bit for bit: sampled batches, a schedule that decays over max-iter, Adam's state, penalties
 * and the validation's best all carry over. A trial that diverges stops alone.
 */
class TrialRunnersTest {

    static final ValidationSettings EVERY_ITERATION = new ValidationSettings(1, 0, 0);

    static JavaSparkContext sc;
    static LoadedData training;
    static LoadedData validation;

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        sc = SparkTestContext.get();
        double[][] x = TestFiles.gaussianRows(600, 4, 31);
        SplittableRandom noise = new SplittableRandom(32);
        List<String> lines = new ArrayList<>();
        for (double[] row : x) {
            double y = 0.5 + row[0] - 2 * row[1] + 0.3 * row[3] + 0.2 * TestFiles.gaussian(noise);
            lines.add(TestFiles.libsvm(Math.rint(y * 1e4) / 1e4, row));
        }
        Path file = TestFiles.write(dir.resolve("ls.libsvm"), lines);
        LoadedData loaded = DataLoader.load(sc, new DataSource(file.toString(), DataFormat.LIBSVM, null, 4, 3,
                BlockStorage.AUTO));
        ValidationSplit.Parts parts = ValidationSplit.split(sc, loaded, new HoldOutRule(9, 0.25));
        training = parts.training();
        validation = parts.validation();
    }

    @AfterAll
    static void release() {
        training.unpersist();
        validation.unpersist();
    }

    static TrainingConfig config(String... keyValues) {
        TrainingSettings s = new TrainingSettings().set(TrainingSettings.MODEL, "linear")
                .set(TrainingSettings.MAX_ITER, 20).set(TrainingSettings.TOL, 0.0);
        for (int i = 0; i < keyValues.length; i += 2) {
            s.set(keyValues[i], SearchSpace.typed(keyValues[i], keyValues[i + 1]));
        }
        return s.toConfig();
    }

    static TrainingResult alone(TrainingConfig config) {
        TrainingSetup setup = TrainingSetup.prepare(sc, training, config);
        return setup.trainer(sc).withValidation(setup.validationPass(sc, validation), EVERY_ITERATION)
                .train((record, max) -> { });
    }

    static List<String> withoutMillis(List<IterationRecord> history) {
        return history.stream().map(r -> new IterationRecord(r.iteration(), r.loss(), r.gradientNorm(),
                r.learningRate(), r.batchRows(), 0, r.validationLoss(), r.validationMetric()).toCsvRow()).toList();
    }

    @ParameterizedTest(name = "sequential {0}")
    @ValueSource(booleans = {false, true})
    void trialsAdvancedInStepsEndWithTheBitsOfEachTrainedAloneAndADivergingOneStopsAlone(boolean sequential) {
        List<TrainingConfig> configs = List.of(
                config("optimizer", "adam", "lr", "0.05", "schedule", "linear", "final-lr", "0.001", "batch", "size=64",
                        "reg-l2", "0.01"),
                config("lr", "500"),
                config("optimizer", "nesterov", "lr", "0.1", "batch", "fraction=0.5", "reg-l1", "0.001",
                        "standardize", "false"),
                // The setup (round and standardization) of trial 0, shared.
                config("optimizer", "rmsprop", "lr", "0.01", "batch", "size=100"));
        List<int[]> heard = new ArrayList<>();
        TrialRunner runner = TrialRunners.create(sc, training, validation, configs, EVERY_ITERATION, sequential);
        runner.advanceTo(3, (trial, record) -> heard.add(new int[]{trial, record.iteration()}));
        assertFalse(runner.isRunning(1), "lr 500 diverges within three iterations");
        assertEquals(StopReason.DIVERGED, runner.result(1).stopReason());
        assertTrue(runner.isRunning(0) && runner.isRunning(2) && runner.isRunning(3), "the others go on");
        assertEquals(3, runner.result(0).iterations());
        runner.advanceTo(7, (trial, record) -> heard.add(new int[]{trial, record.iteration()}));
        runner.advanceTo(50, (trial, record) -> heard.add(new int[]{trial, record.iteration()}));
        assertFalse(runner.isRunning(0), "max-iter 20 reached, whatever the budget asked");

        long rows = 0;
        for (int t : new int[]{0, 2, 3}) {
            TrainingResult stepped = runner.result(t);
            TrainingResult single = alone(configs.get(t));
            assertEquals(StopReason.MAX_ITERATIONS, stepped.stopReason());
            assertEquals(20, stepped.iterations());
            assertArrayEquals(single.params(), stepped.params(), "trial " + t + ": the same model, bit for bit");
            assertEquals(withoutMillis(single.history()), withoutMillis(stepped.history()));
            assertEquals(single.finalLoss(), stepped.finalLoss());
            assertEquals(single.earlyStopping().bestIteration(), stepped.earlyStopping().bestIteration());
            rows += stepped.history().stream().mapToLong(IterationRecord::batchRows).sum();
            final int trial = t;
            assertEquals(20, heard.stream().filter(h -> h[0] == trial).count(), "every iteration heard once");
        }
        // The diverging trial's last round was computed too (all rows: full batch), though no record keeps it.
        rows += runner.result(1).history().stream().mapToLong(IterationRecord::batchRows).sum() + training.numRows();
        assertEquals(rows, runner.gradientRows(), "the batches' rows, summed over the trials");
        runner.close();
    }

    @ParameterizedTest(name = "sequential {0}")
    @ValueSource(booleans = {false, true})
    void aDroppedTrialKeepsItsResultSoFarAndTrainsNoMore(boolean sequential) {
        List<TrainingConfig> configs = List.of(config("lr", "0.1"), config("lr", "0.2"));
        TrialRunner runner = TrialRunners.create(sc, training, validation, configs, EVERY_ITERATION, sequential);
        runner.advanceTo(4, (trial, record) -> { });
        runner.drop(0);
        runner.advanceTo(10, (trial, record) -> { });
        assertFalse(runner.isRunning(0));
        assertEquals(4, runner.result(0).iterations());
        assertEquals(10, runner.result(1).iterations());
        assertTrue(runner.isRunning(1));
    }
}
