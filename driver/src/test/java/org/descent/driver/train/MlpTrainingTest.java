package org.descent.driver.train;

import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.spec.NetworkShape;
import org.descent.driver.spec.ProblemType;
import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.BlockStorage;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.evaluate.Evaluation;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.output.TrainedModel;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.model.Activation;
import org.descent.model.Regularization;
import org.descent.optim.Adam;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.GradientClipping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network trained end to end on Spark (local[2], three partitions, Adam on mini-batches)
 * learns a problem no linear model can: the class is the XOR of the signs of the first two of
 * four features, so each class fills two opposite quadrants.
 */
class MlpTrainingTest {

    static final int ROWS = 1200;
    static final int FEATURES = 4;

    static JavaSparkContext sc;
    static LoadedData data;

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        sc = SparkTestContext.get();
        Path file = uniformRows("quadrants.libsvm", 5, x -> (x[0] > 0) != (x[1] > 0) ? 1 : 0);
        data = DataLoader.load(sc, new DataSource(file.toString(), DataFormat.LIBSVM, null, FEATURES, 3, BlockStorage.AUTO));
    }

    /** ROWS rows of FEATURES features uniform in [-1, 1] (4 decimals), labelled by {@code label}. */
    static Path uniformRows(String name, long seed, ToDoubleFunction<double[]> label) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            double[] x = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                x[j] = Math.rint((2 * rng.nextDouble() - 1) * 1e4) / 1e4;
            }
            lines.add(TestFiles.libsvm(label.applyAsDouble(x), x));
        }
        return TestFiles.write(dir.resolve(name), lines);
    }

    @AfterAll
    static void release() {
        data.unpersist();
    }

    static TrainingConfig config(ModelKind kind, NetworkShape network, int iterations, long seed) {
        return config(kind, network, iterations, seed, 0.05);
    }

    static TrainingConfig config(ModelKind kind, NetworkShape network, int iterations, long seed, double lr) {
        return new TrainingConfig(kind, 0, true, new BatchMode.Size(64), new Adam(), new ConstantSchedule(lr),
                GradientClipping.OFF, iterations, seed, 0, 0, Regularization.NONE, 0, network);
    }

    static TrainingResult train(TrainingConfig config, IterationListener listener) {
        ModelSpec spec = config.spec(FEATURES, new double[] {0, 1});
        GradientRound round = new GradientRound(sc, data.blocks(), data.partitionRows(), spec.model(), 1);
        return new Trainer(sc, round, spec, config).train(listener);
    }

    static double accuracy(TrainingConfig config, double[] params) {
        TrainedModel trained = new TrainedModel(config.spec(FEATURES, new double[] {0, 1}), params,
                new double[] {0, 1}, Map.of(), Map.of());
        return (Double) Evaluation.metrics(trained, data.blocks()).get("accuracy");
    }

    @Test
    void aNetworkLearnsTheQuadrantsThatSoftmaxRegressionCannot() {
        NetworkShape shape = new NetworkShape(List.of(16), List.of(Activation.TANH), ProblemType.MULTICLASS);
        TrainingConfig network = config(ModelKind.MLP, shape, 150, 7);
        double[][] seen = new double[1][];
        TrainingResult result = train(network, new IterationListener() {
            @Override
            public void onIteration(IterationRecord record, int maxIterations) {
            }

            @Override
            public void onParameters(int iteration, double[] params) {
                seen[0] = params.clone();
            }
        });
        double networkAccuracy = accuracy(network, result.params());
        assertTrue(networkAccuracy >= 0.97, "network accuracy " + networkAccuracy);
        assertArrayEquals(result.params(), seen[0], 0.0, "the listener saw the parameters training ended with");

        TrainingConfig softmax = config(ModelKind.SOFTMAX, null, 60, 7);
        double linearAccuracy = accuracy(softmax, train(softmax, (r, max) -> { }).params());
        assertTrue(linearAccuracy < 0.7, "a linear model cannot separate the quadrants, got " + linearAccuracy);
    }

    @Test
    void theSameSeedGivesTheSameNetworkBitForBitAndAnotherSeedAnother() {
        NetworkShape shape = new NetworkShape(List.of(8, 8), List.of(Activation.RELU, Activation.SIGMOID), ProblemType.MULTICLASS);
        TrainingConfig config = config(ModelKind.MLP, shape, 20, 7);
        double[] first = train(config, (r, max) -> { }).params();
        assertArrayEquals(first, train(config, (r, max) -> { }).params(), 0.0);
        TrainingConfig otherSeed = config(ModelKind.MLP, shape, 20, 8);
        double[] other = train(otherSeed, (r, max) -> { }).params();
        assertTrue(first[0] != other[0], "another seed starts elsewhere");
    }

    @Test
    void aRegressionNetworkFitsASmoothNonLinearTarget() throws IOException {
        // Squared loss on |x0| + x1² of uniform inputs: the mean
        // squared error must fall well below the target's variance (about 0.17).
        LoadedData smooth = DataLoader.load(sc, new DataSource(uniformRows("smooth.libsvm", 6,
                x -> Math.abs(x[0]) + x[1] * x[1]).toString(), DataFormat.LIBSVM, null, FEATURES, 2, BlockStorage.AUTO));
        NetworkShape shape = new NetworkShape(List.of(16), List.of(Activation.TANH), ProblemType.REGRESSION);
        TrainingConfig config = config(ModelKind.MLP, shape, 400, 7, 0.03);
        ModelSpec spec = config.spec(FEATURES, new double[0]);
        assertEquals(0, spec.numClasses());
        GradientRound round = new GradientRound(sc, smooth.blocks(), smooth.partitionRows(), spec.model(), 1);
        TrainingResult result = new Trainer(sc, round, spec, config).train((r, max) -> { });
        TrainedModel trained = new TrainedModel(spec, result.params(), new double[0], Map.of(), Map.of());
        double mse = (Double) Evaluation.metrics(trained, smooth.blocks()).get("mse");
        smooth.unpersist();
        assertTrue(mse < 0.01, "mse " + mse);
    }
}
