package org.descent.driver.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.descent.data.BlockStorage;
import org.descent.data.DataBlock;
import org.descent.data.DenseBlock;
import org.descent.data.SparseBlock;
import org.descent.driver.SparkTestContext;
import org.descent.driver.TestFiles;
import org.descent.driver.load.DataFormat;
import org.descent.driver.load.DataLoader;
import org.descent.driver.load.DataSource;
import org.descent.driver.load.LoadedData;
import org.descent.driver.round.BatchMode;
import org.descent.driver.round.GradientRound;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
import org.descent.driver.spec.NetworkShape;
import org.descent.driver.spec.ProblemType;
import org.descent.model.Activation;
import org.descent.model.MlpLayout;
import org.descent.model.FeatureScaling;
import org.descent.model.Model;
import org.descent.model.Regularization;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.GradientClipping;
import org.descent.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training with standardization on raw data is training without it on the same data
 * standardized by hand, with the same statistics: the same standardized coefficients (the
 * penalties are on them), and a written model that predicts on raw rows what the hand-scaled
 * model predicts on scaled rows. Only rounding tells the two apart: the kernels see raw
 * values and the scaling is folded into the parameters.
 */
class StandardizedTrainingTest {

    static final int ROWS = 400;
    /** Feature j is z_j · SCALES[j] + OFFSETS[j] (offsets only in dense data), z standard normal; the last is constant. */
    static final double[] SCALES = {1e-3, 1, 1e3, 30, 0.05, 0};
    static final double[] OFFSETS = {0, 500, -2e3, 0, 3, 7};
    static final int FEATURES = SCALES.length;
    static final double[] TRUE_W = {1.5, -2.0, 0.5, 0.7, -1.0, 0};
    /** Within this relative distance: the rounding of two different but equal computations, not a difference in what is computed. */
    static final double SAME = 1e-9;

    @TempDir
    static Path dir;

    /** Seeded raw rows and labels for logistic (0/1) or softmax (0..2) regression. */
    record RawRows(double[][] x, double[] labels) {
        static RawRows of(ModelKind kind, boolean sparse, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[][] x = new double[ROWS][FEATURES];
            double[] labels = new double[ROWS];
            for (int i = 0; i < ROWS; i++) {
                double margin = 0.3;
                for (int j = 0; j < FEATURES; j++) {
                    boolean stored = !sparse || rng.nextDouble() < 0.4;
                    double z = stored ? Math.rint(TestFiles.gaussian(rng) * 1e4) / 1e4 : 0;
                    margin += TRUE_W[j] * z;
                    x[i][j] = sparse ? z * SCALES[j] : z * SCALES[j] + OFFSETS[j];
                }
                double u = rng.nextDouble();
                labels[i] = kind == ModelKind.LOGISTIC ? (u < 1 / (1 + Math.exp(-2 * margin)) ? 1 : 0)
                        : (margin < -0.5 ? 0 : margin < 0.8 ? 1 : 2);
            }
            return new RawRows(x, labels);
        }

        /** x'_ij = (x_ij − μ_j) s_j: the data standardized by hand. */
        RawRows standardizedBy(FeatureScaling scaling) {
            double[] means = scaling.means();
            double[] scales = scaling.scales();
            double[][] scaled = new double[ROWS][FEATURES];
            for (int i = 0; i < ROWS; i++) {
                for (int j = 0; j < FEATURES; j++) {
                    scaled[i][j] = (x[i][j] - means[j]) * scales[j];
                }
            }
            return new RawRows(scaled, labels);
        }

        /** As a LIBSVM file: every feature when dense, only the non-zeros when sparse. */
        LoadedData load(String name, boolean sparse) throws IOException {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                StringBuilder line = new StringBuilder(String.valueOf(labels[i]));
                for (int j = 0; j < FEATURES; j++) {
                    if (!sparse || x[i][j] != 0) {
                        line.append(' ').append(j + 1).append(':').append(x[i][j]);
                    }
                }
                lines.add(line.toString());
            }
            Path file = TestFiles.write(dir.resolve(name), lines);
            return DataLoader.load(SparkTestContext.get(), new DataSource(file.toString(), DataFormat.LIBSVM, null,
                    FEATURES, 3, sparse ? BlockStorage.SPARSE : BlockStorage.DENSE));
        }

        /** The rows as one dense block, for predictions on the driver. */
        DenseBlock block() {
            double[] values = new double[ROWS * FEATURES];
            for (int i = 0; i < ROWS; i++) {
                System.arraycopy(x[i], 0, values, i * FEATURES, FEATURES);
            }
            double[] ones = new double[ROWS];
            java.util.Arrays.fill(ones, 1.0);
            return new DenseBlock(ROWS, FEATURES, values, labels.clone(), ones);
        }
    }

    static TrainingConfig config(ModelKind kind, Regularization penalty, boolean standardize) {
        return new TrainingConfig(kind, 0, true, new BatchMode.Full(), new Sgd(), new ConstantSchedule(0.5),
                GradientClipping.OFF, 150, 1, 0, 0, penalty, 0).withStandardize(standardize);
    }

    /** A run's model and the parameters its optimizer ended with (θ' when standardized). */
    record Run(TrainingSetup setup, double[] model, double[] optimized) {
    }

    static Run train(LoadedData data, TrainingConfig config) {
        JavaSparkContext sc = SparkTestContext.get();
        TrainingSetup setup = TrainingSetup.prepare(sc, data, config);
        double[][] last = new double[1][];
        TrainingResult result = setup.trainer(sc).train(new IterationListener() {
            @Override
            public void onIteration(IterationRecord record, int maxIterations) {
            }

            @Override
            public void onParameters(int iteration, double[] params) {
                last[0] = params.clone();
            }
        });
        assertEquals(StopReason.MAX_ITERATIONS, result.stopReason(), result.message());
        return new Run(setup, result.params(), last[0]);
    }

    static double[] predictions(Model model, DataBlock block, double[] params) {
        double[] out = new double[block.numRows() * model.outputLoss().numPredictionOutputs()];
        model.predict(block, params, out);
        return out;
    }

    static void assertSame(double[] expected, double[] actual, String what) {
        double largest = 0;
        for (double e : expected) {
            largest = Math.max(largest, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], SAME * largest, what + " " + i);
        }
    }

    /**
     * Trains on the raw data with standardization and on the hand-scaled data without it;
     * returns the standardized run for further checks.
     */
    static Run assertStandardizingIsScalingByHand(ModelKind kind, boolean sparse, Regularization penalty, long seed)
            throws IOException {
        return assertStandardizingIsScalingByHand(config(kind, penalty, false), RawRows.of(kind, sparse, seed), sparse,
                kind.spelling() + (sparse ? "-sparse-" : "-dense-") + penalty.l2());
    }

    static Run assertStandardizingIsScalingByHand(TrainingConfig unstandardized, RawRows raw, boolean sparse, String name)
            throws IOException {
        LoadedData rawData = raw.load(name + "-raw.libsvm", sparse);
        Run standardized = train(rawData, unstandardized.withStandardize(true));
        RawRows scaled = raw.standardizedBy(standardized.setup().scaling());
        LoadedData scaledData = scaled.load(name + "-scaled.libsvm", sparse);
        Run byHand = train(scaledData, unstandardized);
        try {
            assertSame(byHand.optimized(), standardized.optimized(), "standardized coefficient");
            Model model = standardized.setup().spec().model();
            assertSame(predictions(model, scaled.block(), byHand.model()),
                    predictions(model, raw.block(), standardized.model()), "prediction");
            return standardized;
        } finally {
            rawData.unpersist();
            scaledData.unpersist();
        }
    }

    @Test
    void logisticRegressionOnRawDenseDataIsTheHandScaledRegressionWithAndWithoutL2() throws IOException {
        for (Regularization penalty : List.of(Regularization.NONE, new Regularization(0.05, 0))) {
            Run run = assertStandardizingIsScalingByHand(ModelKind.LOGISTIC, false, penalty, 11);
            assertTrue(run.setup().scaling().centers(), "dense data with an intercept is centered");
            assertEquals(0.0, run.model()[FEATURES - 1], 0.0, "the constant feature's weight");
        }
    }

    @Test
    void softmaxRegressionOnRawDenseDataIsTheHandScaledRegressionWithAndWithoutL2() throws IOException {
        for (Regularization penalty : List.of(Regularization.NONE, new Regularization(0.05, 0))) {
            Run run = assertStandardizingIsScalingByHand(ModelKind.SOFTMAX, false, penalty, 12);
            for (int k = 0; k < 3; k++) {
                assertEquals(0.0, run.model()[k * FEATURES + FEATURES - 1], 0.0, "the constant feature's weight, class " + k);
            }
        }
    }

    @Test
    void aNetworksFirstLayerOnRawDenseDataIsTheHandScaledNetworksFromTheSameSeededStart() throws IOException {
        // The seeded random start is drawn for the standardized first layer, in both runs.
        NetworkShape shape = new NetworkShape(List.of(5), List.of(Activation.TANH), ProblemType.MULTICLASS);
        TrainingConfig network = new TrainingConfig(ModelKind.MLP, 0, true, new BatchMode.Full(), new Sgd(),
                new ConstantSchedule(0.5), GradientClipping.OFF, 60, 3, 0, 0, new Regularization(0.01, 0), 0, shape);
        Run run = assertStandardizingIsScalingByHand(network, RawRows.of(ModelKind.SOFTMAX, false, 16), false, "mlp");
        MlpLayout layout = run.setup().spec().mlpLayout();
        for (int unit = 0; unit < layout.width(1); unit++) {
            assertEquals(0.0, run.model()[layout.weightIndex(0, FEATURES - 1, unit)], 0.0, "the constant feature's weight");
        }
    }

    @Test
    void sparseDataIsScaledButNeverCenteredAndItsCachedBlocksStayAsTheyWere() throws IOException {
        for (ModelKind kind : List.of(ModelKind.LOGISTIC, ModelKind.SOFTMAX)) {
            for (Regularization penalty : List.of(Regularization.NONE, new Regularization(0.05, 0))) {
                Run run = assertStandardizingIsScalingByHand(kind, true, penalty, 13);
                assertFalse(run.setup().scaling().centers(), "sparse data is not centered");
            }
        }
        RawRows raw = RawRows.of(ModelKind.LOGISTIC, true, 14);
        LoadedData data = raw.load("unchanged.libsvm", true);
        try {
            List<DataBlock> before = data.blocks().collect();
            train(data, config(ModelKind.LOGISTIC, new Regularization(0.05, 0), true));
            List<DataBlock> after = data.blocks().collect();
            assertEquals(before, after, "the cached blocks, zeros and all");
            for (DataBlock block : after) {
                SparseBlock sparse = assertInstanceOf(block);
                for (double v : sparse.values()) {
                    assertTrue(v != 0, "only the non-zeros of the file are stored");
                }
            }
        } finally {
            data.unpersist();
        }
    }

    private static SparseBlock assertInstanceOf(DataBlock block) {
        assertTrue(block instanceof SparseBlock, block.toString());
        return (SparseBlock) block;
    }

    @Test
    void aTrainerIsGivenStatisticsExactlyWhenItsConfigurationStandardizes() throws IOException {
        RawRows raw = RawRows.of(ModelKind.LOGISTIC, false, 15);
        LoadedData data = raw.load("mismatch.libsvm", false);
        try {
            JavaSparkContext sc = SparkTestContext.get();
            TrainingConfig standardized = config(ModelKind.LOGISTIC, Regularization.NONE, true);
            ModelSpec spec = new ModelSpec(ModelKind.LOGISTIC, FEATURES, 2, true);
            GradientRound round = new GradientRound(sc, data.blocks(), data.partitionRows(), spec.model(), 1);
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(sc, round, spec, standardized));
            assertTrue(none.getMessage().startsWith("standardize:"), none.getMessage());
            FeatureScaling measured = TrainingSetup.prepare(sc, data, standardized).scaling();
            assertThrows(IllegalArgumentException.class,
                    () -> new Trainer(sc, round, spec, standardized.withStandardize(false), measured));
        } finally {
            data.unpersist();
        }
    }
}
