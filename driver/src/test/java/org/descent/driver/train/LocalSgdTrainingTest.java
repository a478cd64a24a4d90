package org.descent.driver.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.BlockStorage;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.driver.round.RoundResult;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.spec.NetworkShape;
import org.descent.driver.spec.ProblemType;
import org.descent.model.Activation;
import org.descent.model.Regularization;
import org.descent.optim.Adam;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.GradientClipping;
import org.descent.optim.InverseTimeSchedule;
import org.descent.optim.LearningRateSchedule;
import org.descent.optim.Momentum;
import org.descent.optim.Optimizer;
import org.descent.optim.OptimizerState;
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
 * Local SGD ({@link LocalSgd}) in the trainer: one local step is today's synchronous training
 * bit for bit; a round on one partition is the same steps a synchronous run takes; on a convex
 * problem local SGD with a decaying rate reaches the full-batch optimum; and the rest of
 * training (penalties, clipping, stateful rules, networks, standardization, divergence,
 * numbering) keeps working.
 */
class LocalSgdTrainingTest {

    static final int ROWS = 800;
    static final int FEATURES = 5;
    static final double[] TRUE_W = {1.5, -2.0, 0.0, 0.7, 3.0};

    static JavaSparkContext sc;
    static double[][] x;
    static double[] y;
    static LoadedData fourPartitions;
    static LoadedData onePartition;
    static LoadedData classes;

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        sc = SparkTestContext.get();
        x = TestFiles.gaussianRows(ROWS, FEATURES, 31);
        y = new double[ROWS];
        SplittableRandom noise = new SplittableRandom(32);
        List<String> regression = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            double v = 0.25;
            for (int j = 0; j < FEATURES; j++) {
                v += TRUE_W[j] * x[i][j];
            }
            y[i] = Math.rint((v + 0.1 * TestFiles.gaussian(noise)) * 1e4) / 1e4;
            regression.add(TestFiles.libsvm(y[i], x[i]));
            labels.add(TestFiles.libsvm(v + TestFiles.gaussian(noise) > 0 ? 1 : 0, x[i]));
        }
        Path ls = TestFiles.write(dir.resolve("ls.libsvm"), regression);
        fourPartitions = DataLoader.load(sc, new DataSource(ls.toString(), DataFormat.LIBSVM, null, FEATURES, 4,
                BlockStorage.AUTO));
        onePartition = DataLoader.load(sc, new DataSource(ls.toString(), DataFormat.LIBSVM, null, FEATURES, 1,
                BlockStorage.AUTO));
        Path lr = TestFiles.write(dir.resolve("lr.libsvm"), labels);
        classes = DataLoader.load(sc, new DataSource(lr.toString(), DataFormat.LIBSVM, null, FEATURES, 4,
                BlockStorage.AUTO));
    }

    @AfterAll
    static void release() {
        fourPartitions.unpersist();
        onePartition.unpersist();
        classes.unpersist();
    }

    static TrainingConfig config(ModelKind kind, BatchMode batch, Optimizer optimizer, LearningRateSchedule schedule,
                                 GradientClipping clipping, int maxIter, Regularization reg, LocalSgd local) {
        return new TrainingConfig(kind, 0, true, batch, optimizer, schedule, clipping, maxIter, 7, 0, 0, reg, 0, null,
                false, null, local);
    }

    static ModelSpec spec(TrainingConfig config) {
        return new ModelSpec(config.kind(), FEATURES, config.kind() == ModelKind.LINEAR ? 0 : 2, true,
                config.network());
    }

    static TrainingResult train(LoadedData data, TrainingConfig config, IterationListener listener) {
        ModelSpec spec = spec(config);
        GradientRound round = new GradientRound(sc, data.blocks(), data.partitionRows(), spec.model(), 1);
        return new Trainer(sc, round, spec, config).train(listener);
    }

    static TrainingResult train(LoadedData data, TrainingConfig config) {
        return train(data, config, (r, max) -> { });
    }

    @Test
    void oneLocalStepIsTodaysSynchronousLoopBitForBit() {
        Regularization reg = new Regularization(0.01, 0.002);
        GradientClipping clip = new GradientClipping(0.5);
        TrainingConfig sync = config(ModelKind.LOGISTIC, new BatchMode.Size(64), new Momentum(0.9),
                new ConstantSchedule(0.3), clip, 40, reg, LocalSgd.SYNCHRONOUS);
        TrainingResult trained = train(classes, sync.withLocalSgd(new LocalSgd(1, 5, 0.5)));

        // Today's loop, written out: one round per iteration, the penalties, clipping, the rule, L1's proximal step.
        ModelSpec spec = spec(sync);
        GradientRound round = new GradientRound(sc, classes.blocks(), classes.partitionRows(), spec.model(), 1);
        double[] params = new double[spec.layout().numParams()];
        OptimizerState state = sync.optimizer().initialState(params.length);
        for (int t = 0; t < 40; t++) {
            RoundResult r = round.compute(params, sync.batch(), sync.seed(), t);
            double[] g = r.meanGradient();
            reg.addSmoothGradient(params, spec.layout(), g);
            clip.clip(g);
            sync.optimizer().update(params, g, 0.3, state, spec.layout());
            reg.applyL1Proximal(params, spec.layout(), reg.proximalThreshold(0.3));
        }
        assertArrayEquals(params, trained.params(), 0.0, "bit for bit");
        assertEquals(state, trained.optimizerState());
        assertArrayEquals(train(classes, sync).params(), trained.params(), 0.0);
    }

    @Test
    void onOnePartitionLocalSgdTakesTheSynchronousRunsSteps() {
        TrainingConfig sync = config(ModelKind.LINEAR, new BatchMode.Size(32), new Sgd(), new InverseTimeSchedule(0.05, 0.01),
                new GradientClipping(5), 48, new Regularization(0.01, 0.001), LocalSgd.SYNCHRONOUS);
        TrainingResult expected = train(onePartition, sync);
        TrainingResult local = train(onePartition, sync.withLocalSgd(new LocalSgd(8, 0, 0)));
        // The same steps; only each round's change, weighted and divided again, may differ in the last bits.
        assertArrayEquals(expected.params(), local.params(), 1e-12);
        for (int t = 0; t < 48; t++) {
            IterationRecord e = expected.history().get(t);
            IterationRecord l = local.history().get(t);
            assertEquals(e.iteration(), l.iteration());
            assertEquals(e.learningRate(), l.learningRate(), 0.0);
            assertEquals(e.batchRows(), l.batchRows());
            assertEquals(e.loss(), l.loss(), 1e-9 * Math.abs(e.loss()), "step " + (t + 1) + "'s batch loss");
        }
    }

    @Test
    void withFreshStateEachRoundStartsTheRuleAnew() {
        for (Optimizer rule : List.<Optimizer>of(new Momentum(0.9), new Adam())) {
            TrainingConfig sync = config(ModelKind.LINEAR, new BatchMode.Size(32), rule, new ConstantSchedule(0.02),
                    GradientClipping.OFF, 16, Regularization.NONE, LocalSgd.SYNCHRONOUS);
            TrainingConfig sync8 = config(ModelKind.LINEAR, new BatchMode.Size(32), rule, new ConstantSchedule(0.02),
                    GradientClipping.OFF, 8, Regularization.NONE, LocalSgd.SYNCHRONOUS);
            // On one partition the first round of a stateful rule is a synchronous run of as many steps from the start...
            TrainingResult first = train(onePartition, sync8.withLocalSgd(new LocalSgd(8, 0, 0, LocalState.FRESH)));
            assertArrayEquals(train(onePartition, sync8).params(), first.params(), 1e-12, rule.name());
            assertEquals(rule.initialState(FEATURES + 1), first.optimizerState(),
                    "the driver keeps no state of the rule for local rounds");
            // ...and the second round forgets it: no longer the synchronous run.
            TrainingResult two = train(onePartition, sync.withLocalSgd(new LocalSgd(8, 0, 0, LocalState.FRESH)));
            double apart = maxDifference(train(onePartition, sync).params(), two.params());
            assertTrue(apart > 1e-6, rule.name() + ": " + apart);
        }
    }

    @Test
    void withAveragedStateOnOnePartitionAStatefulRuleTakesTheSynchronousRunsSteps() {
        // One partition's mean state is its own: the rule goes on from round to round as it does synchronously,
        // post-local SGD's synchronous state included.
        for (Optimizer rule : List.<Optimizer>of(new Momentum(0.9), new Adam())) {
            TrainingConfig sync = config(ModelKind.LINEAR, new BatchMode.Size(32), rule, new ConstantSchedule(0.02),
                    GradientClipping.OFF, 45, new Regularization(0.01, 0), LocalSgd.SYNCHRONOUS);
            TrainingResult expected = train(onePartition, sync);
            for (LocalSgd local : List.of(new LocalSgd(8, 0, 0, LocalState.AVERAGED),
                    new LocalSgd(8, 5, 0, LocalState.AVERAGED))) {
                TrainingResult averaged = train(onePartition, sync.withLocalSgd(local));
                // The same steps; a round's state and change, weighted and divided again, may differ in the last bits.
                assertArrayEquals(expected.params(), averaged.params(), 1e-10, rule.name() + ", " + local);
                assertEquals(45, averaged.optimizerState().steps(), "the rule counts every step");
                assertArrayEquals(expected.optimizerState().slots(), averaged.optimizerState().slots(), 1e-10);
            }
        }
    }

    @Test
    void averagedStateOnFourPartitionsIsTheRowWeightedMean() {
        TrainingConfig c = config(ModelKind.LOGISTIC, new BatchMode.Size(64), new Adam(), new ConstantSchedule(0.05),
                GradientClipping.OFF, 40, Regularization.NONE, new LocalSgd(8, 0, 0, LocalState.AVERAGED));
        TrainingResult averaged = train(classes, c);
        TrainingResult fresh = train(classes, c.withLocalSgd(new LocalSgd(8, 0, 0, LocalState.FRESH)));
        assertEquals(40, averaged.optimizerState().steps());
        double[] slots = averaged.optimizerState().slots();
        int n = FEATURES + 1;
        for (int i = 0; i < n; i++) {
            assertTrue(slots[n + i] > 0, "every second moment is a mean of positive ones: " + slots[n + i]);
        }
        assertFalse(java.util.Arrays.equals(fresh.params(), averaged.params()));
        assertTrue(averaged.finalLoss() < 0.6 && fresh.finalLoss() < 0.6, averaged.finalLoss() + ", " + fresh.finalLoss());
        assertArrayEquals(averaged.params(), train(classes, c).params(), 0.0, "a pure function of its inputs");
    }

    private static double maxDifference(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    /**
     * Least squares, four partitions, batches of 40 rows, 16 local steps per round and a rate
     * decaying as 0.1 / (1 + 0.01 t): after 3000 steps (188 rounds) the model is within 0.01 of
     * the normal equations' solution in every coordinate, and its objective within 1e-4
     * (relative) of the optimum's.
     */
    @Test
    void localSgdWithADecayingRateReachesTheFullBatchOptimum() {
        TrainingConfig c = config(ModelKind.LINEAR, new BatchMode.Size(40), new Sgd(), new InverseTimeSchedule(0.1, 0.01),
                GradientClipping.OFF, 3000, Regularization.NONE, new LocalSgd(16, 0, 0));
        TrainingResult result = train(fourPartitions, c);
        double[] optimum = TrainerTest.normalEquationSolution(x, y);
        assertArrayEquals(optimum, result.params(), 0.01);
        ModelSpec spec = spec(c);
        Trainer trainer = new Trainer(sc, new GradientRound(sc, fourPartitions.blocks(), fourPartitions.partitionRows(),
                spec.model(), 1), spec, c);
        double best = trainer.objective(optimum);
        assertTrue(result.finalLoss() - best < 1e-4 * best, result.finalLoss() + " against the optimum's " + best);
    }

    @Test
    void postLocalRunsSynchronousIterationsThenRoundsAndNumbersEveryStep() {
        List<Integer> handed = new ArrayList<>();
        IterationListener listener = new IterationListener() {
            @Override
            public void onIteration(IterationRecord record, int maxIterations) {
            }

            @Override
            public void onParameters(int iteration, double[] params) {
                handed.add(iteration);
            }
        };
        LocalSgd local = new LocalSgd(4, 3, 0);
        TrainingResult result = train(classes, config(ModelKind.LOGISTIC, new BatchMode.Size(64), new Sgd(),
                new ConstantSchedule(0.5), GradientClipping.OFF, 13, Regularization.NONE, local), listener);
        // 3 synchronous iterations, then rounds of 4, 4 and the 2 left.
        assertEquals(List.of(1, 2, 3, 7, 11, 13), handed);
        assertEquals(13, result.history().size());
        for (int t = 0; t < 13; t++) {
            IterationRecord r = result.history().get(t);
            assertEquals(t + 1, r.iteration());
            assertEquals(64, r.batchRows(), "each step's batch is size=64 over the cluster");
            assertTrue(Double.isFinite(r.loss()));
            boolean endsARound = handed.contains(t + 1);
            assertEquals(endsARound, Double.isFinite(r.gradientNorm()), "a norm at the end of each round only");
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 4L, 4L, 4L, 5L, 5L, 5L, 5L, 6L, 6L),
                java.util.stream.IntStream.rangeClosed(1, 13).mapToObj(i -> local.roundOf(i)).toList());
        assertEquals(StopReason.MAX_ITERATIONS, result.stopReason());
    }

    @Test
    void l1StillZeroesAnIrrelevantWeightWithLocalSteps() {
        TrainingResult result = train(fourPartitions, config(ModelKind.LINEAR, new BatchMode.Full(), new Sgd(),
                new ConstantSchedule(0.3), GradientClipping.OFF, 600, new Regularization(0, 0.05), new LocalSgd(8, 0, 0)));
        // Each partition's soft-threshold zeroes it, and the mean of four zeros is zero.
        assertEquals(0.0, result.params()[2], 0.0, "the true weight of feature 3 is 0");
        assertTrue(Math.abs(result.params()[4]) > 2.5, "a strong weight survives: " + result.params()[4]);
    }

    @Test
    void outerMomentumKeepsItsVelocityAfterTheRulesState() {
        TrainingConfig c = config(ModelKind.LOGISTIC, new BatchMode.Size(64), new Momentum(0.5), new ConstantSchedule(0.2),
                GradientClipping.OFF, 24, Regularization.NONE, new LocalSgd(4, 0, 0.6));
        TrainingResult result = train(classes, c);
        int n = FEATURES + 1;
        assertEquals(2 * n, result.optimizerState().slots().length, "the rule's velocity, then the outer one");
        assertEquals(24, result.optimizerState().steps(), "the averaged rule counts every step");
        TrainingResult plain = train(classes, c.withLocalSgd(new LocalSgd(4, 0, 0)));
        assertEquals(n, plain.optimizerState().slots().length);
        assertFalse(java.util.Arrays.equals(plain.params(), result.params()));
        assertTrue(result.finalLoss() < 0.6 && plain.finalLoss() < 0.6, result.finalLoss() + ", " + plain.finalLoss());
    }

    @Test
    void aNetworkWithStandardizedFeaturesLearnsWithLocalSteps() {
        NetworkShape shape = new NetworkShape(List.of(8), List.of(Activation.TANH), ProblemType.MULTICLASS);
        TrainingConfig c = new TrainingConfig(ModelKind.MLP, 0, true, new BatchMode.Size(64), new Adam(),
                new ConstantSchedule(0.01), new GradientClipping(10), 120, 7, 0, 0, new Regularization(1e-4, 0), 0, shape,
                true, null, new LocalSgd(8, 0, 0));
        ModelSpec spec = new ModelSpec(ModelKind.MLP, FEATURES, 2, true, shape);
        TrainingSetup setup = TrainingSetup.prepare(sc, classes, c);
        Trainer trainer = setup.trainer(sc);
        double start = trainer.objective(trainer.initialState().params());
        TrainingResult result = trainer.train((r, max) -> { });
        assertEquals(StopReason.MAX_ITERATIONS, result.stopReason(), result.message());
        assertTrue(result.finalLoss() < 0.7 * start, result.finalLoss() + " from " + start);
        assertEquals(spec.layout().numParams(), result.params().length);
    }

    @Test
    void anAbsurdLearningRateDivergesWithAMessageAndFiniteParameters() {
        TrainingResult result = train(fourPartitions, config(ModelKind.LINEAR, new BatchMode.Full(), new Sgd(),
                new ConstantSchedule(1e6), GradientClipping.OFF, 400, Regularization.NONE, new LocalSgd(4, 0, 0)));
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertTrue(result.message().contains("lower learning rate"), result.message());
        for (double p : result.params()) {
            assertTrue(Double.isFinite(p));
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheOption() {
        for (Object[] bad : new Object[][] {
                {TrainingSettings.LOCAL_STEPS, 0, "local-steps: must be >= 1 (1 is synchronous training), got 0"},
                {TrainingSettings.LOCAL_AFTER, -1, "local-after: must be >= 0 iterations, got -1"},
                {TrainingSettings.OUTER_MOMENTUM, 1.0, "outer-momentum: must be in [0, 1), got 1.0"},
                {TrainingSettings.LOCAL_STATE, "kept", "local-state: 'kept' is not a state policy; allowed: fresh, averaged"}}) {
            TrainingSettings settings = new TrainingSettings().set(TrainingSettings.MODEL, "logistic")
                    .set((String) bad[0], bad[1]);
            org.descent.driver.UserInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.descent.driver.UserInputException.class, settings::toConfig);
            assertEquals(bad[2], e.getMessage());
        }
        assertEquals(new LocalSgd(16, 100, 0.5), new TrainingSettings().set(TrainingSettings.MODEL, "logistic")
                .set(TrainingSettings.LOCAL_STEPS, 16).set(TrainingSettings.LOCAL_AFTER, 100)
                .set(TrainingSettings.OUTER_MOMENTUM, 0.5).toConfig().localSgd());
        assertEquals(new LocalSgd(16, 0, 0, LocalState.FRESH), new TrainingSettings().set(TrainingSettings.MODEL, "logistic")
                .set(TrainingSettings.LOCAL_STEPS, 16).set(TrainingSettings.LOCAL_STATE, "fresh").toConfig().localSgd());
        assertEquals(LocalSgd.SYNCHRONOUS, new TrainingSettings().set(TrainingSettings.MODEL, "logistic").toConfig()
                .localSgd(), "synchronous unless asked");
    }
}
