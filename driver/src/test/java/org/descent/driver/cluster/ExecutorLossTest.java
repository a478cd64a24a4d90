package org.descent.driver.cluster;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.descent.data.BlockStorage;
import org.descent.driver.TestFiles;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.driver.train.IterationListener;
import org.descent.driver.train.LocalSgd;
import org.descent.driver.train.LocalState;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.train.StopReason;
import org.descent.driver.train.Trainer;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.model.Regularization;
import org.descent.optim.Adam;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.GradientClipping;
import org.descent.optim.Sgd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Executor loss on a real multi-JVM cluster: {@code local-cluster[2,1,1024]} runs a master
 * and two workers in this JVM and two executors as separate JVMs. One executor is killed
 * (SIGKILL, by PID) while training; Spark reruns its tasks and rebuilds its cached blocks from
 * the data file, and the model must come out with exactly the bits of an undisturbed run.
 */
@Tag("slow")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ExecutorLossTest {

    static final int FEATURES = 10;
    static final int MAX_ITER = 20;
    static final int KILL_AFTER_ITERATION = 5;

    static JavaSparkContext sc;
    static final AtomicInteger executorsRemoved = new AtomicInteger();

    @TempDir
    static Path dir;

    @BeforeAll
    static void startCluster() throws Exception {
        String sparkHome = System.getenv("SPARK_HOME");
        assertTrue(sparkHome != null && System.getenv("SPARK_SCALA_VERSION") != null,
                "surefire's slow-tests run sets SPARK_HOME and SPARK_SCALA_VERSION");
        // Executors are launched from SPARK_HOME/jars (here empty) plus the test class path.
        Files.createDirectories(Path.of(sparkHome, "jars"));
        SparkConf conf = new SparkConf()
                .setMaster("local-cluster[2,1,1024]")
                .setAppName("descent-executor-loss")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.executor.extraClassPath", System.getProperty("surefire.test.class.path"))
                // A broken executor must not restart forever.
                .set("spark.deploy.maxExecutorRetries", "3");
        sc = new JavaSparkContext(conf);
        sc.sc().addSparkListener(new SparkListener() {
            @Override
            public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
                executorsRemoved.incrementAndGet();
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (sc.sc().getExecutorMemoryStatus().size() < 3) {  // the driver and two executors
            assertTrue(System.nanoTime() < deadline, "two executors did not register within 90 s");
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopCluster() {
        if (sc != null) {
            sc.stop();
        }
    }

    static Path writeData() throws Exception {
        double[][] x = TestFiles.gaussianRows(8000, FEATURES, 31);
        SplittableRandom rng = new SplittableRandom(32);
        List<String> lines = new ArrayList<>();
        for (double[] row : x) {
            double z = 0.3;
            for (int j = 0; j < FEATURES; j++) {
                z += (j % 3 - 1) * 0.8 * row[j];
            }
            lines.add(TestFiles.libsvm(rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0, row));
        }
        return TestFiles.write(dir.resolve("train.libsvm"), lines);
    }

    static TrainingResult train(LoadedData data, IterationListener listener) {
        return train(data, new TrainingConfig(ModelKind.LOGISTIC, 0, true, new BatchMode.Fraction(0.3), new Sgd(),
                new ConstantSchedule(0.5), GradientClipping.OFF, MAX_ITER, 5, 0, 0, new Regularization(1e-3, 0), 0),
                listener);
    }

    static TrainingResult train(LoadedData data, TrainingConfig config, IterationListener listener) {
        ModelSpec spec = new ModelSpec(ModelKind.LOGISTIC, FEATURES, 2, true);
        GradientRound round = new GradientRound(sc, data.blocks(), data.partitionRows(), spec.model(), 1);
        return new Trainer(sc, round, spec, config).train(listener);
    }

    /** The PIDs of the executor JVMs that hold cached blocks (a job on the cached data runs where it is). */
    static List<Long> executorPids(LoadedData data) {
        return data.blocks().map(block -> ProcessHandle.current().pid()).collect().stream().distinct().sorted().toList();
    }

    @Test
    void killingAnExecutorMidTrainingChangesNoBitOfTheModel() throws Exception {
        TrainingConfig config = new TrainingConfig(ModelKind.LOGISTIC, 0, true, new BatchMode.Fraction(0.3), new Sgd(),
                new ConstantSchedule(0.5), GradientClipping.OFF, MAX_ITER, 5, 0, 0, new Regularization(1e-3, 0), 0);
        killAnExecutorMidTraining(config, KILL_AFTER_ITERATION);
    }

    /**
     * Local SGD: every partition's steps of a round are a pure function of what the driver
     * shipped (parameters, Adam's state, the round's first iteration), so the lost executor's
     * tasks rerun elsewhere with the same bits; nothing of a partition lives on between rounds.
     */
    @Test
    void killingAnExecutorMidLocalSgdChangesNoBitOfTheModel() throws Exception {
        TrainingConfig config = new TrainingConfig(ModelKind.LOGISTIC, 0, true, new BatchMode.Size(400), new Adam(),
                new ConstantSchedule(0.05), GradientClipping.OFF, MAX_ITER, 5, 0, 0, new Regularization(1e-3, 0), 0,
                null, false, null, new LocalSgd(4, 2, 0.5, LocalState.AVERAGED));
        // Rounds end at iterations 6, 10, 14, 18 and 20: the kill lands in the round of 7 to 10.
        killAnExecutorMidTraining(config, 6);
    }

    void killAnExecutorMidTraining(TrainingConfig config, int killAfterIteration) throws Exception {
        long registered = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (sc.sc().getExecutorMemoryStatus().size() < 3) {  // a killed executor is replaced
            assertTrue(System.nanoTime() < registered, "two executors did not register within 90 s");
            Thread.sleep(200);
        }
        LoadedData data = DataLoader.load(sc, new DataSource(writeData().toString(), DataFormat.LIBSVM, null, FEATURES,
                4, BlockStorage.AUTO));
        TrainingResult undisturbed = train(data, config, (record, max) -> { });
        assertEquals(StopReason.MAX_ITERATIONS, undisturbed.stopReason());

        List<Long> pids = executorPids(data);
        assertEquals(2, pids.size(), "both executors hold cached blocks: " + pids);
        long victim = pids.get(0);
        assertTrue(pids.stream().noneMatch(pid -> pid == ProcessHandle.current().pid()), "executors are other JVMs");
        int removedBefore = executorsRemoved.get();
        TrainingResult disturbed = train(data, config, (record, max) -> {
            if (record.iteration() == killAfterIteration) {
                // Killed from another thread a moment later, so it lands while the next round runs.
                Thread killer = new Thread(() -> {
                    sleep(30);
                    ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
                });
                killer.start();
            }
        });

        assertFalse(ProcessHandle.of(victim).map(ProcessHandle::isAlive).orElse(false), "the executor was killed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (executorsRemoved.get() == removedBefore && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(executorsRemoved.get() > removedBefore, "Spark noticed the lost executor");
        assertEquals(StopReason.MAX_ITERATIONS, disturbed.stopReason());
        assertEquals(MAX_ITER, disturbed.iterations());
        assertArrayEquals(undisturbed.params(), disturbed.params(), "bit for bit (assertArrayEquals compares doubles exactly)");
        for (int i = 0; i < undisturbed.history().size(); i++) {
            assertEquals(undisturbed.history().get(i).loss(), disturbed.history().get(i).loss(), 0.0, "loss of iteration " + (i + 1));
        }
        assertEquals(undisturbed.finalLoss(), disturbed.finalLoss(), 0.0);
        data.unpersist();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
