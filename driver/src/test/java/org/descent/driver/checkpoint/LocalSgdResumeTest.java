package org.descent.driver.checkpoint;

import org.apache.hadoop.conf.Configuration;
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
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.train.LocalSgd;
import org.descent.driver.train.LocalState;
import org.descent.driver.train.SnapshotSchedule;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.driver.train.TrainingSetup;
import org.descent.model.Regularization;
import org.descent.optim.Adam;
import org.descent.optim.GradientClipping;
import org.descent.optim.InverseTimeSchedule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A local-SGD run checkpointed between rounds and resumed from the checkpoint ends with the
 * uninterrupted run's model, bit for bit: the parameters, the rule's state (the driver's, which
 * every round ships with the state averaged, or which every round ignores with fresh state)
 * and the outer velocity are all a checkpoint needs, and rounds start where the uninterrupted
 * run's start.
 */
class LocalSgdResumeTest {

    static final int FEATURES = 6;
    static final int MAX_ITER = 26;

    static JavaSparkContext sc;
    static LoadedData data;

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        sc = SparkTestContext.get();
        double[][] x = TestFiles.gaussianRows(600, FEATURES, 41);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            lines.add(TestFiles.libsvm(x[i][0] - 2 * x[i][3] + 0.5 * x[i][5] > 0.2 ? 1 : 0, x[i]));
        }
        Path file = TestFiles.write(dir.resolve("lr.libsvm"), lines);
        data = DataLoader.load(sc, new DataSource(file.toString(), DataFormat.LIBSVM, null, FEATURES, 4,
                BlockStorage.AUTO));
    }

    @AfterAll
    static void release() {
        data.unpersist();
    }

    @ParameterizedTest
    @EnumSource(LocalState.class)
    void resumingBetweenRoundsGivesTheUninterruptedModel(LocalState policy) {
        // Two synchronous iterations, then rounds of 4 ending at iterations 6, 10, 14, 18, 22, 26.
        TrainingConfig config = new TrainingConfig(ModelKind.LOGISTIC, 0, true, new BatchMode.Size(48), new Adam(),
                new InverseTimeSchedule(0.05, 0.02), new GradientClipping(2), MAX_ITER, 3, 0, 0,
                new Regularization(0.01, 0.001), 0, null, true, null, new LocalSgd(4, 2, 0.5, policy));
        TrainingSetup setup = TrainingSetup.prepare(sc, data, config);
        ModelSpec spec = setup.spec();
        RunIdentity run = RunIdentity.of(spec, config, data);
        CheckpointStore store = new CheckpointStore(dir.resolve("ckpt-" + policy.spelling()).toString(),
                new Configuration());
        Trainer trainer = setup.trainer(sc);
        List<Checkpoint> written = new ArrayList<>();
        TrainingResult uninterrupted = trainer.train(trainer.initialState(), (r, max) -> { },
                new SnapshotSchedule(8, state -> {
                    store.write(run, state);
                    written.add(store.read(state.iterations()));
                }));
        // Due at 8, 16 and 24, each taken at the end of the round that passed it; the last at the end.
        assertEquals(List.of(10, 18, 26), written.stream().map(Checkpoint::iteration).toList());

        for (Checkpoint checkpoint : written.subList(0, 2)) {
            int at = checkpoint.iteration();
            assertEquals(List.of(), checkpoint.run().differencesFrom(run));
            assertEquals(2 * (FEATURES + 1) + (FEATURES + 1), checkpoint.state().optimizerState().slots().length,
                    "Adam's two moments, then the outer velocity");
            assertEquals(policy == LocalState.FRESH ? 2 : at, checkpoint.state().optimizerState().steps(),
                    "fresh: the moments as the synchronous iterations left them; averaged: the rounds' mean");
            TrainingResult resumed = setup.trainer(sc).train(checkpoint.state(), (r, max) -> { }, SnapshotSchedule.NONE);
            assertArrayEquals(uninterrupted.params(), resumed.params(), 0.0, "resumed at " + at + ", bit for bit");
            assertEquals(uninterrupted.finalLoss(), resumed.finalLoss(), 0.0);
            assertEquals(uninterrupted.history().size(), resumed.history().size());
        }
        assertTrue(uninterrupted.finalLoss() < Math.log(2), "it learned: " + uninterrupted.finalLoss());
    }

    @Test
    void aSynchronousCheckpointDoesNotResumeAsLocalSgdAndOldOnesHaveNoLocalField() {
        TrainingConfig sync = new TrainingConfig(ModelKind.LOGISTIC, 0, true, new BatchMode.Size(48), new Adam(),
                new InverseTimeSchedule(0.05, 0.02), GradientClipping.OFF, MAX_ITER, 3, 0, 0, Regularization.NONE, 0);
        ModelSpec spec = new ModelSpec(ModelKind.LOGISTIC, FEATURES, 2, true);
        RunIdentity synchronous = RunIdentity.of(spec, sync, data);
        RunIdentity local = RunIdentity.of(spec, sync.withLocalSgd(new LocalSgd(4, 0, 0, LocalState.FRESH)), data);
        assertTrue(synchronous.settings().path("localSgd").isMissingNode(), "absent: synchronous, as before");
        List<String> differences = synchronous.differencesFrom(local);
        assertEquals(1, differences.size(), differences.toString());
        assertTrue(differences.get(0).startsWith("localSgd: checkpoint (absent), this run "), differences.toString());
        assertEquals(List.of(), synchronous.differencesFrom(
                RunIdentity.of(spec, sync.withLocalSgd(new LocalSgd(1, 7, 0.3)), data)), "one step is synchronous");
        List<String> policies = local.differencesFrom(
                RunIdentity.of(spec, sync.withLocalSgd(new LocalSgd(4, 0, 0, LocalState.AVERAGED)), data));
        assertEquals(1, policies.size(), policies.toString());
        assertTrue(policies.get(0).contains("averaged"), policies.toString());
    }
}
