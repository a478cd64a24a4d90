package org.descent.driver.tune;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.BlockStorage;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.round.BatchMode;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.NetworkShape;
import org.descent.driver.spec.ProblemType;
import org.descent.driver.train.IterationRecord;
import org.descent.driver.train.StopReason;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSetup;
import org.descent.driver.train.ValidationSettings;
import org.descent.model.Activation;
import org.descent.model.Regularization;
import org.descent.optim.AdaGrad;
import org.descent.optim.Adam;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.ExponentialSchedule;
import org.descent.optim.GradientClipping;
import org.descent.optim.LearningRateSchedule;
import org.descent.optim.Nesterov;
import org.descent.optim.Optimizer;
import org.descent.optim.Sgd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * Trials trained in groups, one round for all members of a group, end exactly where each
 * would alone: every configuration's model, losses and stop reason equal, bit for bit, what
 * {@code descent train}'s path ({@link TrainingSetup#prepare}, {@link Trainer}) gives it.
 */
class GroupedTrialRunnerTest {

    static final int ROWS = 300;
    static final int FEATURES = 6;

    static JavaSparkContext sc;
    static LoadedData dense;
    static LoadedData sparse;
    static LoadedData held;

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        sc = SparkTestContext.get();
        double[][] x = TestFiles.gaussianRows(ROWS + 60, FEATURES, 31);
        SplittableRandom noise = new SplittableRandom(32);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            double margin = 0.3 + 1.2 * x[i][0] - 0.8 * x[i][1] + 0.5 * x[i][3] + TestFiles.gaussian(noise);
            if (i % 3 == 0) {
                x[i][2] = 0;
                x[i][4] = 0;
            }
            lines.add(TestFiles.libsvm(margin > 0 ? 1 : 0, x[i]));
        }
        Path train = TestFiles.write(dir.resolve("train.libsvm"), lines.subList(0, ROWS));
        Path validation = TestFiles.write(dir.resolve("validation.libsvm"), lines.subList(ROWS, lines.size()));
        dense = DataLoader.load(sc, new DataSource(train.toString(), DataFormat.LIBSVM, null, FEATURES, 3, BlockStorage.DENSE));
        sparse = DataLoader.load(sc, new DataSource(train.toString(), DataFormat.LIBSVM, null, FEATURES, 3, BlockStorage.SPARSE));
        held = DataLoader.load(sc, new DataSource(validation.toString(), DataFormat.LIBSVM, null, FEATURES, 2, BlockStorage.DENSE));
    }

    @AfterAll
    static void release() {
        dense.unpersist();
        sparse.unpersist();
        held.unpersist();
    }

    static TrainingConfig config(ModelKind kind, BatchMode batch, Optimizer optimizer, LearningRateSchedule schedule,
                                 Regularization reg, int maxIter) {
        return new TrainingConfig(kind, 0, true, batch, optimizer, schedule, GradientClipping.OFF, maxIter, 7, 0, 0, reg, 0);
    }

    /** Eight configurations sharing their batches: optimizers, rates, schedules, penalties and clipping all differ. */
    static List<TrainingConfig> eight(ModelKind kind, BatchMode batch, int maxIter) {
        List<TrainingConfig> configs = new ArrayList<>(List.of(
                config(kind, batch, new Sgd(), new ConstantSchedule(0.5), Regularization.NONE, maxIter),
                config(kind, batch, new Adam(), new ConstantSchedule(0.05), new Regularization(0.01, 0), maxIter),
                config(kind, batch, new Nesterov(), new ExponentialSchedule(0.2, 0.97), new Regularization(0, 0.02), maxIter),
                config(kind, batch, new AdaGrad(), new ConstantSchedule(0.3), new Regularization(0.05, 0.01), maxIter),
                config(kind, batch, new Sgd(), new ConstantSchedule(0.05), Regularization.NONE, maxIter),
                config(kind, batch, new Adam(), new ConstantSchedule(0.01), new Regularization(0, 0.005), maxIter),
                config(kind, batch, new Nesterov(), new ConstantSchedule(0.1), new Regularization(0.001, 0), maxIter)));
        TrainingConfig clipped = config(kind, batch, new Sgd(), new ConstantSchedule(2.0), Regularization.NONE, maxIter);
        configs.add(new TrainingConfig(clipped.kind(), 0, true, batch, clipped.optimizer(), clipped.schedule(),
                new GradientClipping(0.1), maxIter, 7, 0, 0, Regularization.NONE, 0));
        return configs;
    }

    /** The configuration trained alone, as descent train trains it. */
    static TrainingResult alone(LoadedData data, TrainingConfig config, ValidationSettings settings) {
        Trainer trainer = TrainingSetup.prepare(sc, data, config).trainer(sc);
        if (settings != null) {
            trainer = trainer.withValidation(TrainingSetup.prepare(sc, data, config).validationPass(sc, held), settings);
        }
        return trainer.train((r, max) -> { });
    }

    static List<TrainingResult> grouped(LoadedData data, List<TrainingConfig> configs, GroupSize size,
                                        ValidationSettings settings) {
        try (GroupedTrialRunner runner = GroupedTrialRunner.prepare(sc, data, configs, settings == null ? null : held,
                settings, size)) {
            runner.advanceTo(Integer.MAX_VALUE, (trial, record) -> { });
            List<TrainingResult> results = new ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                assertFalse(runner.isRunning(i), "trial " + i + " ran to its end");
                results.add(runner.result(i));
            }
            return results;
        }
    }

    static void assertSameRun(TrainingResult expected, TrainingResult actual, String what) {
        assertArrayEquals(bits(expected.params()), bits(actual.params()), what + ": model");
        assertEquals(Double.doubleToRawLongBits(expected.finalLoss()), Double.doubleToRawLongBits(actual.finalLoss()),
                what + ": final loss " + expected.finalLoss() + " against " + actual.finalLoss());
        assertEquals(expected.stopReason(), actual.stopReason(), what + ": stop reason");
        assertEquals(expected.message(), actual.message(), what + ": message");
        assertEquals(withoutMillis(expected.history()), withoutMillis(actual.history()), what + ": history");
    }

    static long[] bits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    static List<String> withoutMillis(List<IterationRecord> history) {
        return history.stream().map(r -> new IterationRecord(r.iteration(), r.loss(), r.gradientNorm(),
                r.learningRate(), r.batchRows(), 0, r.validationLoss(), r.validationMetric()).toCsvRow()).toList();
    }

    static void assertEachAsAlone(LoadedData data, List<TrainingConfig> configs, GroupSize size,
                                  ValidationSettings settings) {
        List<TrainingResult> results = grouped(data, configs, size, settings);
        for (int i = 0; i < configs.size(); i++) {
            assertSameRun(alone(data, configs.get(i), settings), results.get(i), "trial " + i);
        }
    }

    static GroupSize unbounded() {
        return new GroupSize(1L << 40, 1L << 40, 3);
    }

    @Test
    void oneTrialInAGroupOfOneIsTheTrainerItself() {
        assertEachAsAlone(dense, eight(ModelKind.LOGISTIC, new BatchMode.Full(), 25).subList(1, 2), unbounded(), null);
    }

    @Test
    void threeDenseFullBatchTrialsTrainedTogetherEachEqualAlone() {
        assertEachAsAlone(dense, eight(ModelKind.LOGISTIC, new BatchMode.Full(), 25).subList(0, 3), unbounded(), null);
    }

    @Test
    void eightDenseSampledTrialsTrainedTogetherEachEqualAlone() {
        assertEachAsAlone(dense, eight(ModelKind.LOGISTIC, new BatchMode.Size(40), 20), unbounded(), null);
    }

    @Test
    void eightSparseTrialsTrainedTogetherEachEqualAloneFullAndSampled() {
        assertEachAsAlone(sparse, eight(ModelKind.LINEAR, new BatchMode.Full(), 15), unbounded(), null);
        assertEachAsAlone(sparse, eight(ModelKind.LOGISTIC, new BatchMode.Fraction(0.3), 15), unbounded(), null);
    }

    @Test
    void softmaxAndStandardizedTrialsShareAGroupAndEachEqualAlone() {
        List<TrainingConfig> configs = new ArrayList<>();
        for (TrainingConfig c : eight(ModelKind.SOFTMAX, new BatchMode.Size(50), 12).subList(0, 4)) {
            configs.add(c);
            configs.add(c.withStandardize(true));
        }
        try (GroupedTrialRunner runner = GroupedTrialRunner.prepare(sc, dense, configs, null, null, unbounded())) {
            assertEquals(List.of(List.of(0, 1, 2, 3, 4, 5, 6, 7)), runner.groups(), "one round serves both coordinates");
        }
        assertEachAsAlone(dense, configs, unbounded(), null);
    }

    @Test
    void validationAndEarlyStoppingGoPerTrial() {
        ValidationSettings settings = new ValidationSettings(2, 2, 0);
        assertEachAsAlone(dense, eight(ModelKind.LOGISTIC, new BatchMode.Size(60), 30).subList(0, 4), unbounded(), settings);
    }

    @Test
    void networksOfOneShapeTrainTogetherAndEachEqualsAlone() {
        NetworkShape shape = new NetworkShape(List.of(5), List.of(Activation.TANH), ProblemType.MULTICLASS);
        List<TrainingConfig> configs = new ArrayList<>();
        for (double lr : new double[] {0.3, 0.03, 0.003}) {
            configs.add(new TrainingConfig(ModelKind.MLP, 0, true, new BatchMode.Size(64), new Adam(),
                    new ConstantSchedule(lr), GradientClipping.OFF, 10, 7, 0, 0, Regularization.NONE, 0, shape));
        }
        assertEachAsAlone(dense, configs, unbounded(), null);
    }

    @Test
    void aDivergingTrialDropsOutAloneAndTheOthersFinishAsAlone() {
        List<TrainingConfig> configs = new ArrayList<>(eight(ModelKind.LINEAR, new BatchMode.Full(), 30).subList(0, 3));
        configs.add(1, config(ModelKind.LINEAR, new BatchMode.Full(), new Sgd(), new ConstantSchedule(50),
                Regularization.NONE, 30));
        List<TrainingResult> results = grouped(dense, configs, unbounded(), null);
        assertEquals(StopReason.DIVERGED, results.get(1).stopReason());
        assertTrue(results.get(1).iterations() < 30, "diverged early: " + results.get(1).message());
        for (int i = 0; i < configs.size(); i++) {
            assertSameRun(alone(dense, configs.get(i), null), results.get(i), "trial " + i);
        }
    }

    @Test
    void droppingATrialMidwayLeavesTheOthersUnchanged() {
        List<TrainingConfig> configs = eight(ModelKind.LOGISTIC, new BatchMode.Size(30), 20).subList(0, 3);
        try (GroupedTrialRunner runner = GroupedTrialRunner.prepare(sc, dense, configs, null, null, unbounded())) {
            List<Integer> heard = new ArrayList<>();
            runner.advanceTo(6, (trial, record) -> heard.add(trial));
            assertEquals(18, heard.size(), "six iterations of three trials");
            runner.drop(1);
            assertFalse(runner.isRunning(1));
            assertTrue(runner.isRunning(0) && runner.isRunning(2));
            runner.advanceTo(20, (trial, record) -> assertTrue(trial != 1, "a dropped trial does not train"));
            assertSameRun(alone(dense, configs.get(0), null), runner.result(0), "trial 0");
            assertSameRun(alone(dense, configs.get(2), null), runner.result(2), "trial 2");
            TrainingConfig stopped = configs.get(1);
            TrainingResult dropped = runner.result(1);
            assertEquals(6, dropped.iterations());
            TrainingResult sixAlone = alone(dense, config(stopped.kind(), stopped.batch(), stopped.optimizer(),
                    stopped.schedule(), stopped.regularization(), 6), null);
            assertArrayEquals(bits(sixAlone.params()), bits(dropped.params()), "the dropped trial's model is its state then");
            assertEquals(30L * (6 * 3 + 14 * 2), runner.gradientRows(), "batch rows over all trials' iterations");
        }
    }

    @Test
    void aBudgetPausesTrialsWhichThenGoOnAsIfUninterrupted() {
        List<TrainingConfig> configs = eight(ModelKind.LOGISTIC, new BatchMode.Full(), 20).subList(2, 5);
        try (GroupedTrialRunner runner = GroupedTrialRunner.prepare(sc, dense, configs, null, null, unbounded())) {
            runner.advanceTo(7, (trial, record) -> { });
            assertTrue(runner.isRunning(0));
            assertEquals(7, runner.result(0).iterations());
            assertTrue(runner.result(0).message().contains("can go on"), runner.result(0).message());
            runner.advanceTo(20, (trial, record) -> { });
            for (int i = 0; i < configs.size(); i++) {
                assertSameRun(alone(dense, configs.get(i), null), runner.result(i), "trial " + i);
            }
        }
    }

    @Test
    void trialsThatSampleDifferentlyTrainInSeparateGroups() {
        TrainingConfig base = eight(ModelKind.LOGISTIC, new BatchMode.Size(40), 5).get(0);
        List<TrainingConfig> configs = List.of(base,
                config(ModelKind.LOGISTIC, new BatchMode.Full(), new Sgd(), new ConstantSchedule(0.5), Regularization.NONE, 5),
                new TrainingConfig(base.kind(), 0, true, base.batch(), base.optimizer(), base.schedule(),
                        base.clipping(), 5, 8, 0, 0, base.regularization(), 0),
                base,
                config(ModelKind.LINEAR, new BatchMode.Size(40), new Sgd(), new ConstantSchedule(0.5), Regularization.NONE, 5));
        try (GroupedTrialRunner runner = GroupedTrialRunner.prepare(sc, dense, configs, null, null, unbounded())) {
            assertEquals(List.of(List.of(0, 3), List.of(1), List.of(2), List.of(4)), runner.groups());
        }
        assertEachAsAlone(dense, configs, unbounded(), null);
    }

    @Test
    void theGroupSizeRuleSplitsALargeSetAndEachTrialStillEqualsAlone() {
        int numParams = FEATURES + 1;
        GroupSize three = new GroupSize(GroupSize.SHARE * GroupSize.bytesPerTrial(numParams) * 3, 1L << 40, 3);
        assertEquals(3, three.maxTrials(numParams));
        List<TrainingConfig> configs = eight(ModelKind.LOGISTIC, new BatchMode.Size(40), 10);
        try (GroupedTrialRunner runner = GroupedTrialRunner.prepare(sc, dense, configs, null, null, three)) {
            assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6, 7)), runner.groups());
        }
        try (GroupedTrialRunner runner = GroupedTrialRunner.prepare(sc, dense, configs, null, null, GroupSize.ONE)) {
            assertEquals(8, runner.groups().size(), "one trial a group: trials one after another");
        }
        assertEachAsAlone(dense, configs, three, null);
    }

    @Test
    void theGroupSizeFollowsTheMemoryOfTasksAndDriver() {
        long perTrial = GroupSize.bytesPerTrial(1_000_000);
        assertEquals(8L * (1_000_000 + 2 * 1_000_003), perTrial);
        GroupSize eightGb = new GroupSize(4L << 30, 64L << 30, 4);
        assertEquals((4L << 30) / GroupSize.SHARE / perTrial, eightGb.maxTrials(1_000_000), "the task's share binds");
        GroupSize smallDriver = new GroupSize(4L << 30, 1L << 30, 64);
        assertEquals(1, smallDriver.maxTrials(1_000_000), "64 results of 24 MB each fill an eighth of 1 GB");
        assertEquals(1, GroupSize.ONE.maxTrials(10));
        GroupSize local = GroupSize.of(sc, 3);
        assertTrue(local.maxTrials(101) > 1000, "a logistic model of 100 features: thousands fit");
    }
}
