package org.descent.driver.round;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.BlockBuilder;
import org.descent.data.BlockStorage;
import org.descent.data.DataBlock;
import org.descent.data.LibSvmParser;
import org.descent.data.SyntheticData;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.spec.NetworkShape;
import org.descent.driver.spec.ProblemType;
import org.descent.model.Activation;
import org.descent.sums.SumsLayout;
import org.descent.model.Model;
import org.descent.sums.PartialSums;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientRoundTest {

    static JavaSparkContext sc;
    static Path file;
    static List<String> lines = new ArrayList<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        sc = SparkTestContext.get();
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 2000; i++) {
            double[] x = new double[6];
            for (int j = 0; j < x.length; j++) {
                x[j] = rng.nextDouble() < 0.7 ? Math.rint(TestFiles.gaussian(rng) * 1000) / 1000 : 0;
            }
            StringBuilder line = new StringBuilder(String.valueOf(rng.nextInt(3)));
            for (int j = 0; j < x.length; j++) {
                if (x[j] != 0) {
                    line.append(' ').append(j + 1).append(':').append(x[j]);
                }
            }
            lines.add(line.toString());
        }
        file = TestFiles.write(dir.resolve("round.libsvm"), lines);
    }

    static double[] params(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = rng.nextDouble() - 0.5;
        }
        return p;
    }

    /** The same sums computed without Spark, over one block of every row. */
    static double[] localSums(Model model, double[] params) {
        BlockBuilder builder = new BlockBuilder();
        LibSvmParser parser = new LibSvmParser();
        for (String line : lines) {
            parser.parseLine(line, builder);
        }
        DataBlock all = builder.build(6, BlockStorage.AUTO);
        double[] sums = new double[new SumsLayout(params.length).size()];
        model.accumulate(all, null, params, sums, 0);
        return sums;
    }

    static Stream<ModelSpec> everyFamily() {
        return Stream.of(new ModelSpec(ModelKind.LINEAR, 6, 0, true), new ModelSpec(ModelKind.LOGISTIC, 6, 2, true),
                new ModelSpec(ModelKind.SOFTMAX, 6, 3, true),
                ModelSpec.mlp(6, 3, new NetworkShape(List.of(5, 4), List.of(Activation.RELU, Activation.TANH),
                        ProblemType.MULTICLASS)),
                ModelSpec.mlp(6, 0, new NetworkShape(List.of(7), List.of(Activation.SIGMOID), ProblemType.REGRESSION)));
    }

    @ParameterizedTest
    @MethodSource("everyFamily")
    void fullBatchLossAndGradientDoNotDependOnThePartitioning(ModelSpec spec) {
        ModelKind kind = spec.kind();
        Model model = spec.model();
        double[] params = params(spec.layout().numParams(), 3);
        double[] expected = localSums(model, params);
        for (int partitions : new int[]{1, 3, 8}) {
            LoadedData data = DataLoader.load(sc, new DataSource(file.toString(), DataFormat.LIBSVM, null, 6, partitions,
                    BlockStorage.AUTO));
            RoundResult result = new GradientRound(sc, data.blocks(), data.partitionRows(), model, 1)
                    .compute(params, new BatchMode.Full(), 1, 0);
            assertEquals(2000, result.rowCount());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], result.sums()[i], 1e-9 * Math.max(1, Math.abs(expected[i])),
                        kind + ", " + partitions + " partitions, sum " + i);
            }
            data.unpersist();
        }
    }

    @Test
    void treeDepthChangesTheShapeButNotTheResult() {
        ModelSpec spec = new ModelSpec(ModelKind.SOFTMAX, 6, 3, true);
        double[] params = params(spec.layout().numParams(), 5);
        LoadedData data = DataLoader.load(sc, new DataSource(file.toString(), DataFormat.LIBSVM, null, 6, 20, BlockStorage.AUTO));
        double[] depth1 = new GradientRound(sc, data.blocks(), data.partitionRows(), spec.model(), 1)
                .compute(params, new BatchMode.Full(), 1, 0).sums();
        for (int depth : new int[]{2, 3}) {
            GradientRound round = new GradientRound(sc, data.blocks(), data.partitionRows(), spec.model(), depth);
            double[] once = round.compute(params, new BatchMode.Full(), 1, 0).sums();
            double[] again = round.compute(params, new BatchMode.Full(), 1, 0).sums();
            assertArrayEquals(once, again, 0.0, "a fixed merge order gives the same bits every time");
            assertArrayEquals(depth1, once, 1e-9, "depth " + depth);
        }
        data.unpersist();
    }

    @Test
    void roundsRunUnderTheirOwnCallSiteAndLeaveTheThreadsUnchanged() throws Exception {
        ModelSpec spec = new ModelSpec(ModelKind.LOGISTIC, 6, 2, true);
        LoadedData data = DataLoader.load(sc, new DataSource(file.toString(), DataFormat.LIBSVM, null, 6, 4, BlockStorage.AUTO));
        List<String> stageNames = java.util.Collections.synchronizedList(new ArrayList<>());
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onStageSubmitted(org.apache.spark.scheduler.SparkListenerStageSubmitted submitted) {
                stageNames.add(submitted.stageInfo().name());
            }
        };
        sc.sc().addSparkListener(listener);
        try {
            for (int depth : new int[] {1, 2}) {
                stageNames.clear();
                new GradientRound(sc, data.blocks(), data.partitionRows(), spec.model(), depth)
                        .compute(params(spec.layout().numParams(), 3), new BatchMode.Full(), 1, 0);
                sc.sc().listenerBus().waitUntilEmpty();
                assertTrue(!stageNames.isEmpty() && stageNames.stream().allMatch(OrderedTreeReduce.CALL_SITE::equals),
                        "depth " + depth + ": " + stageNames);
            }
        } finally {
            sc.sc().removeSparkListener(listener);
        }
        assertEquals(null, sc.getLocalProperty(org.apache.spark.util.CallSite.SHORT_FORM()));
        assertEquals(null, sc.getLocalProperty(org.apache.spark.util.CallSite.LONG_FORM()));
    }

    @Test
    void sizedBatchesHaveExactlyBRowsAndDependOnlyOnSeedAndIteration() {
        ModelSpec spec = new ModelSpec(ModelKind.LOGISTIC, 6, 2, true);
        double[] params = params(spec.layout().numParams(), 7);
        LoadedData data = DataLoader.load(sc, new DataSource(file.toString(), DataFormat.LIBSVM, null, 6, 4, BlockStorage.AUTO));
        GradientRound round = new GradientRound(sc, data.blocks(), data.partitionRows(), spec.model(), 1);
        RoundResult a = round.compute(params, new BatchMode.Size(64), 99, 5);
        assertEquals(64, a.rowCount());
        assertArrayEquals(a.sums(), round.compute(params, new BatchMode.Size(64), 99, 5).sums(), 0.0, "same seed and iteration");
        assertNotEquals(a.meanLoss(), round.compute(params, new BatchMode.Size(64), 99, 6).meanLoss(), "next iteration");
        assertNotEquals(a.meanLoss(), round.compute(params, new BatchMode.Size(64), 100, 5).meanLoss(), "other seed");
        assertEquals(1, round.compute(params, new BatchMode.Size(1), 99, 5).rowCount(), "sgd is one row");
        long sampled = round.compute(params, new BatchMode.Fraction(0.1), 99, 5).rowCount();
        assertTrue(sampled > 140 && sampled < 260, "fraction 0.1 of 2000 rows, got " + sampled);
        data.unpersist();
    }

    /**
     * A model too large to travel inside the task (so its parameters are broadcast) over sparse
     * rows, where a small batch's sums come back compact: the round still gives, bit for bit,
     * the per-partition sums computed here without Spark, merged in partition order.
     */
    @Test
    void largeSparseModelsTakeTheBroadcastAndCompactPathsWithTheSameBits() {
        int numFeatures = GradientRound.INLINE_MAX_PARAMS + 5000;
        SyntheticData synthetic = new SyntheticData("logistic", numFeatures, 0, 100.0 / numFeatures, 0.1, 3);
        List<DataBlock> partitions = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            BlockBuilder builder = new BlockBuilder();
            synthetic.rows(p).appendTo(builder, 700 + 50 * p);
            partitions.add(builder.build(numFeatures, BlockStorage.AUTO));
        }
        JavaRDD<DataBlock> blocks = sc.parallelize(partitions, 3).cache();
        Model model = new ModelSpec(ModelKind.LOGISTIC, numFeatures, 2, true).model();
        double[] params = params(numFeatures + 1, 13);
        GradientRound round = new GradientRound(sc, blocks, new long[] {700, 750, 800}, model, 1);
        for (BatchMode mode : List.of(new BatchMode.Full(), new BatchMode.Fraction(0.02))) {
            double[] expected = null;
            boolean compact = false;
            for (int p = 0; p < 3; p++) {
                DataBlock block = partitions.get(p);
                double[] sums = new double[new SumsLayout(params.length).size()];
                model.accumulate(block, GradientRound.selectRows(mode, block.numRows(), null, 21, 4, p), params, sums, 0);
                compact |= PartialSums.of(sums).isCompact();
                expected = expected == null ? sums : SumsLayout.merge(expected, sums);
            }
            assertEquals(mode.isStochastic(), compact, mode + ": compact sums exactly when the batch is small");
            assertArrayEquals(expected, round.compute(params, mode, 21, 4).sums(), 0.0, mode.toString());
        }
        blocks.unpersist();
    }
}
