package org.descent.driver.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.descent.driver.UserInputException;
import org.descent.driver.load.FileStamp;
import org.descent.driver.round.BatchMode;
import org.descent.driver.train.IterationRecord;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.train.StopReason;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingState;
import org.descent.model.FeatureScaling;
import org.descent.model.Regularization;
import org.descent.optim.Adam;
import org.descent.optim.AdamW;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.LearningRateSchedule;
import org.descent.optim.LinearSchedule;
import org.descent.optim.Optimizer;
import org.descent.optim.StepSchedule;
import org.descent.optim.WarmupSchedule;
import org.descent.optim.GradientClipping;
import org.descent.optim.OptimizerState;
import org.descent.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints on the local Hadoop file system (the HDFS round trip is in HdfsRoundTripTest). */
class CheckpointStoreTest {

    static final ModelSpec SPEC = new ModelSpec(ModelKind.LOGISTIC, 2, 2, true);
    static final SortedMap<String, FileStamp> FILES = new TreeMap<>(Map.of(
            "hdfs://nn/data/part-0", new FileStamp(1200, 1_700_000_000_000L),
            "hdfs://nn/data/part-1", new FileStamp(1300, 1_700_000_000_500L)));

    @TempDir
    Path dir;

    static TrainingConfig config(double lr) {
        return config(new Sgd(), new ConstantSchedule(lr));
    }

    static RunIdentity run() {
        return RunIdentity.of(SPEC, config(0.5), 1000, 4, FILES);
    }

    static TrainingState state(int iterations, double[] params, StopReason reason) {
        List<IterationRecord> history = new ArrayList<>();
        for (int i = 1; i <= iterations; i++) {
            // An empty batch's NaN row must survive as well as ordinary ones.
            double loss = i == 2 ? Double.NaN : 1.0 / (3 * i);
            history.add(new IterationRecord(i, loss, loss / 7, 0.5, i == 2 ? 0 : 500, 1.25));
        }
        return new TrainingState(params, new OptimizerState(iterations, new double[]{0.1, -1e-300}), history, reason);
    }

    CheckpointStore store() {
        return new CheckpointStore(dir.resolve("ckpt").toString(), new Configuration());
    }

    @Test
    void aCheckpointReadsBackBitForBit() {
        double[] params = {0.1 + 0.2, -0.0, Double.MIN_VALUE};
        store().write(run(), state(12, params, null));
        Checkpoint back = store().newest().orElseThrow();
        assertEquals(12, back.iteration());
        assertEquals(run(), back.run());
        for (int i = 0; i < params.length; i++) {
            assertEquals(Double.doubleToRawLongBits(params[i]), Double.doubleToRawLongBits(back.state().params()[i]));
        }
        assertEquals(new OptimizerState(12, new double[]{0.1, -1e-300}), back.state().optimizerState());
        List<IterationRecord> history = back.state().history();
        assertEquals(12, history.size());
        assertTrue(Double.isNaN(history.get(1).loss()));
        assertEquals(1.0 / 9, history.get(2).loss(), 0.0);
        assertNull(back.state().stopReason());
        assertTrue(back.location().endsWith("ckpt-000012"), back.location());
    }

    @Test
    void theNewestCompleteCheckpointWinsAndOnlyTheLastTwoAreKept() {
        CheckpointStore store = store();
        for (int it : new int[]{5, 10, 15}) {
            store.write(run(), state(it, new double[]{it, 0, 0}, null));
        }
        store.write(run(), state(17, new double[]{17, 0, 0}, StopReason.MAX_ITERATIONS));
        assertEquals(List.of(15, 17), store.iterations());
        Checkpoint newest = store.newest().orElseThrow();
        assertEquals(17, newest.iteration());
        assertEquals(StopReason.MAX_ITERATIONS, newest.state().stopReason());
        assertArrayEquals(new double[]{17, 0, 0}, newest.state().params());
    }

    @Test
    void aHalfWrittenCheckpointIsIgnoredAndSweptAwayByTheNextWrite() throws Exception {
        CheckpointStore store = store();
        store.write(run(), state(5, new double[]{5, 0, 0}, null));
        // What a driver killed in the middle of writing ckpt-000010 leaves behind.
        Path staging = Files.createDirectories(dir.resolve("ckpt/.ckpt-000010.tmp-0000"));
        Files.writeString(staging.resolve("params.bin"), "half");
        assertEquals(5, store.newest().orElseThrow().iteration());
        store.write(run(), state(10, new double[]{10, 0, 0}, null));
        assertFalse(Files.exists(staging));
        assertEquals(List.of(5, 10), store.iterations());
    }

    @Test
    void aDamagedCheckpointIsRefusedNamingItsFile() throws Exception {
        store().write(run(), state(5, new double[]{1, 2, 3}, null));
        Path params = dir.resolve("ckpt/ckpt-000005/params.bin");
        byte[] bytes = Files.readAllBytes(params);
        bytes[3] ^= 1;
        Files.write(params, bytes);
        Files.deleteIfExists(dir.resolve("ckpt/ckpt-000005/.params.bin.crc"));
        UserInputException e = assertThrows(UserInputException.class, () -> store().newest());
        assertTrue(e.getMessage().contains("ckpt-000005") && e.getMessage().contains("params.bin fails its CRC-32 check"),
                e.getMessage());
    }

    @Test
    void anEmptyOrMissingDirectoryHasNoCheckpoint() {
        assertTrue(store().newest().isEmpty());
        assertEquals(List.of(), store().iterations());
    }

    @Test
    void aDifferentRunIsToldApartKeyByKeyWhileStoppingCriteriaMayDiffer() {
        RunIdentity other = RunIdentity.of(new ModelSpec(ModelKind.LOGISTIC, 3, 2, true), config(0.25), 1000, 4, FILES);
        List<String> differences = run().differencesFrom(other);
        assertEquals(2, differences.size(), differences.toString());
        assertEquals("numFeatures: checkpoint 2, this run 3", differences.get(0));
        assertEquals("lr: checkpoint 0.5, this run 0.25", differences.get(1));
        TrainingConfig longer = new TrainingConfig(ModelKind.LOGISTIC, 0, true, new BatchMode.Fraction(0.5), new Sgd(),
                new ConstantSchedule(0.5), GradientClipping.OFF, 500, 7, 0, 1e-3, new Regularization(1e-4, 0), 0);
        assertEquals(List.of(), run().differencesFrom(RunIdentity.of(SPEC, longer, 1000, 4, FILES)));
        assertEquals(List.of("partitions: checkpoint 4, this run 8"),
                run().differencesFrom(RunIdentity.of(SPEC, config(0.5), 1000, 8, FILES)));
    }

    @Test
    void aRuleOfAnotherNameIsOneDifferenceAndOfTheSameNameEachSettingIsOne() {
        RunIdentity adam = RunIdentity.of(SPEC, config(new Adam(), new ConstantSchedule(0.1)), 1000, 4, FILES);
        RunIdentity sgd = RunIdentity.of(SPEC, config(new Sgd(), new ConstantSchedule(0.01)), 1000, 4, FILES);
        assertEquals(List.of("optimizer: checkpoint adam, this run sgd", "lr: checkpoint 0.1, this run 0.01"),
                adam.differencesFrom(sgd));
        RunIdentity otherBeta = RunIdentity.of(SPEC, config(new Adam(0.9, 0.99, 1e-8),
                new WarmupSchedule(3, new StepSchedule(0.1, 0.5, 8))), 1000, 4, FILES);
        assertEquals(List.of("beta2: checkpoint 0.999, this run 0.99", "schedule: checkpoint constant, this run step",
                "warmup: checkpoint 0, this run 3"), adam.differencesFrom(otherBeta));
    }

    @Test
    void aLinearDecaysSpanIsPartOfTheRunSoItsRatesCannotChangeOnResume() {
        RunIdentity run = RunIdentity.of(SPEC, config(new Sgd(), new LinearSchedule(0.1, 0, 100)), 1000, 4, FILES);
        RunIdentity longer = RunIdentity.of(SPEC, config(new Sgd(), new LinearSchedule(0.1, 0, 300)), 1000, 4, FILES);
        assertEquals(List.of("decay-iterations: checkpoint 100, this run 300"), run.differencesFrom(longer));
    }

    @Test
    void theRunsSettingsAreNamedFieldsInTheCheckpoint() throws Exception {
        RunIdentity run = RunIdentity.of(SPEC, config(new AdamW(), new WarmupSchedule(2, new StepSchedule(0.1, 0.5, 8))),
                1000, 4, FILES);
        store().write(run, state(1, new double[]{1, 2, 3}, null));
        JsonNode written = new ObjectMapper().readTree(dir.resolve("ckpt/ckpt-000001/checkpoint.json").toFile()).path("run");
        assertEquals("adamw", written.path("optimizer").path("name").asText());
        assertEquals(0.01, written.path("optimizer").path("weight-decay").asDouble(), 0.0);
        assertEquals("step", written.path("schedule").path("name").asText());
        assertEquals(8, written.path("schedule").path("step-every").asInt());
        assertEquals(2, written.path("warmup").asInt());
        assertEquals("fraction", written.path("batch").path("name").asText());
        assertEquals(0.5, written.path("batch").path("fraction").asDouble(), 0.0);
        assertEquals(run, store().newest().orElseThrow().run());
    }

    static TrainingConfig config(Optimizer optimizer, LearningRateSchedule schedule) {
        return new TrainingConfig(ModelKind.LOGISTIC, 0, true, new BatchMode.Fraction(0.5), optimizer, schedule,
                GradientClipping.OFF, 100, 7, 1e-6, 0, new Regularization(1e-4, 0), 0);
    }

    @Test
    void dataFilesAreComparedByPathLengthAndModificationTime() {
        SortedMap<String, FileStamp> other = new TreeMap<>(FILES);
        other.put("hdfs://nn/data/part-1", new FileStamp(1300, 1_700_000_009_000L));
        other.remove("hdfs://nn/data/part-0");
        other.put("hdfs://nn/data/part-2", new FileStamp(10, 0));
        assertEquals(List.of("data: hdfs://nn/data/part-0 is not in this run's data, hdfs://nn/data/part-1 changed "
                        + "(checkpoint 1300 bytes, modified 2023-11-14T22:13:20.500Z, this run 1300 bytes, modified "
                        + "2023-11-14T22:13:29Z), hdfs://nn/data/part-2 is new"),
                run().differencesFrom(RunIdentity.of(SPEC, config(0.5), 1000, 4, other)));
    }

    @Test
    void aStandardizedRunsStatisticsReadBackBitForBitWithMeansOnlyWhenCentered() {
        double[] params = {0.5, -0.25, 0.125};
        FeatureScaling centered = FeatureScaling.of(new double[] {500.1 + 1e-13, -0.0}, new double[] {1e3 / 3, 0}, true);
        FeatureScaling scaledOnly = FeatureScaling.of(new double[2], new double[] {0.1 + 0.2, Double.MIN_VALUE}, false);
        for (FeatureScaling scaling : List.of(centered, scaledOnly)) {
            CheckpointStore store = new CheckpointStore(dir.resolve("std-" + scaling.centers()).toString(), new Configuration());
            TrainingState state = new TrainingState(params, new OptimizerState(4, new double[0]), state(4, params, null)
                    .history(), null, scaling);
            store.write(run(), state);
            FeatureScaling back = store.newest().orElseThrow().state().scaling();
            assertEquals(scaling, back);
            assertArrayEquals(scaling.scales(), back.scales(), 0.0);
            Path written = dir.resolve("std-" + scaling.centers()).resolve("ckpt-000004");
            assertTrue(Files.exists(written.resolve(CheckpointStore.FEATURE_SCALES)));
            assertEquals(scaling.centers(), Files.exists(written.resolve(CheckpointStore.FEATURE_MEANS)));
        }
        store().write(run(), state(2, params, null));
        assertTrue(store().newest().orElseThrow().state().scaling().isNone(), "a run without standardization");
    }

    @Test
    void aCheckpointWrittenBeforeStandardizationIsARunWithoutIt() throws Exception {
        store().write(run(), state(3, new double[] {1, 2, 3}, null));
        Path meta = dir.resolve("ckpt/ckpt-000003/checkpoint.json");
        String text = Files.readString(meta);
        String old = text.replaceAll(",\\s*\"standardize\"\\s*:\\s*false", "")
                .replaceAll("\"standardization\"\\s*:\\s*null\\s*,", "");
        assertFalse(old.contains("standardiz"), old);
        Files.writeString(meta, old);
        Files.deleteIfExists(dir.resolve("ckpt/ckpt-000003/.checkpoint.json.crc"));
        Checkpoint back = store().newest().orElseThrow();
        assertTrue(back.state().scaling().isNone());
        assertEquals(List.of(), back.run().differencesFrom(run()), "resumable with --standardize false");
        assertEquals(List.of("standardize: checkpoint false, this run true"),
                back.run().differencesFrom(RunIdentity.of(SPEC, config(0.5).withStandardize(true), 1000, 4, FILES)));
    }

    @Test
    void theDataFilesSurviveTheCheckpoint() {
        CheckpointStore store = new CheckpointStore(dir.resolve("files-ckpt").toString(), new Configuration());
        store.write(run(), state(3, new double[]{1, 2, 3}, null));
        assertEquals(FILES, store.newest().orElseThrow().run().files());
    }
}
