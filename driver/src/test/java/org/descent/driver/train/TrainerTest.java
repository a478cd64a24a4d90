package org.descent.driver.train;

import org.descent.driver.spec.ModelKind;
import org.descent.driver.spec.ModelSpec;
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
import org.descent.model.Regularization;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.GradientClipping;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    static final int ROWS = 400;
    static final int FEATURES = 5;
    static final double[] TRUE_W = {1.5, -2.0, 0.0, 0.7, 3.0};
    static final double TRUE_B = 0.25;

    static JavaSparkContext sc;
    static double[][] x;
    static double[] y;
    static LoadedData data;

    @TempDir
    static Path dir;

    @BeforeAll
    static void data() throws Exception {
        sc = SparkTestContext.get();
        x = TestFiles.gaussianRows(ROWS, FEATURES, 21);
        y = new double[ROWS];
        SplittableRandom noise = new SplittableRandom(22);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            double v = TRUE_B + 0.1 * TestFiles.gaussian(noise);
            for (int j = 0; j < FEATURES; j++) {
                v += TRUE_W[j] * x[i][j];
            }
            y[i] = Math.rint(v * 1e4) / 1e4;
            lines.add(TestFiles.libsvm(y[i], x[i]));
        }
        Path file = TestFiles.write(dir.resolve("ls.libsvm"), lines);
        data = DataLoader.load(sc, new DataSource(file.toString(), DataFormat.LIBSVM, null, FEATURES, 3, BlockStorage.AUTO));
    }

    @AfterAll
    static void release() {
        data.unpersist();
    }

    static TrainingConfig config(ModelKind kind, BatchMode batch, double lr, int maxIter, long seed, Regularization reg,
                                 double gradTol) {
        return new TrainingConfig(kind, 0, true, batch, new Sgd(), new ConstantSchedule(lr), GradientClipping.OFF, maxIter, seed, 0, gradTol, reg, 0);
    }

    static TrainingResult train(TrainingConfig config) {
        ModelSpec spec = new ModelSpec(config.kind(), FEATURES, config.kind() == ModelKind.LINEAR ? 0 : 2, true);
        GradientRound round = new GradientRound(sc, data.blocks(), data.partitionRows(), spec.model(), 1);
        return new Trainer(sc, round, spec, config).train((r, max) -> { });
    }

    /** The least-squares optimum of ½ mean (x.w + b - y)², from the normal equations. */
    static double[] normalEquationSolution() {
        return normalEquationSolution(x, y);
    }

    /** The least-squares optimum of ½ mean (x.w + b - y)² for these rows, from the normal equations. */
    static double[] normalEquationSolution(double[][] x, double[] y) {
        int rows = y.length;
        int features = x[0].length;
        int p = features + 1;
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < rows; i++) {
            double[] row = new double[p];
            System.arraycopy(x[i], 0, row, 0, features);
            row[features] = 1;
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) {
                    a[r][c] += row[r] * row[c];
                }
                a[r][p] += row[r] * y[i];
            }
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            for (int r = 0; r < p; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int c = col; c <= p; c++) {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        double[] solution = new double[p];
        for (int r = 0; r < p; r++) {
            solution[r] = a[r][p] / a[r][r];
        }
        return solution;
    }

    @Test
    void fullBatchLeastSquaresReachesTheNormalEquationSolution() {
        TrainingResult result = train(config(ModelKind.LINEAR, new BatchMode.Full(), 0.5, 2000, 1, new Regularization(0, 0), 1e-12));
        assertEquals(StopReason.GRADIENT_TOLERANCE, result.stopReason(), result.message());
        assertArrayEquals(normalEquationSolution(), result.params(), 1e-5);
    }

    @Test
    void theSameSeedGivesTheIdenticalModelAndAnotherSeedAnotherPath() {
        TrainingConfig a = config(ModelKind.LOGISTIC, new BatchMode.Size(16), 0.2, 60, 7, new Regularization(0.01, 0), 0);
        double[] first = train(a).params();
        double[] second = train(a).params();
        assertArrayEquals(first, second, 0.0, "bit for bit");
        TrainingResult other = train(config(ModelKind.LOGISTIC, new BatchMode.Size(16), 0.2, 60, 8, new Regularization(0.01, 0), 0));
        assertNotEquals(train(a).history().get(1).loss(), other.history().get(1).loss(), "different batches");
        assertFalse(java.util.Arrays.equals(first, other.params()));
    }

    @Test
    void anAbsurdLearningRateStopsWithAMessageAndKeepsTheLastFiniteParameters() {
        TrainingResult result = train(config(ModelKind.LINEAR, new BatchMode.Full(), 1e6, 500, 1, new Regularization(0, 0), 0));
        assertEquals(StopReason.DIVERGED, result.stopReason());
        assertTrue(result.message().contains("lower learning rate"), result.message());
        for (double p : result.params()) {
            assertTrue(Double.isFinite(p));
        }
    }

    @Test
    void l1SetsAnIrrelevantWeightExactlyToZero() {
        TrainingResult result = train(config(ModelKind.LINEAR, new BatchMode.Full(), 0.3, 600, 1, new Regularization(0, 0.05), 0));
        assertEquals(0.0, result.params()[2], 0.0, "the true weight of feature 3 is 0");
        assertTrue(Math.abs(result.params()[4]) > 2.5, "a strong weight survives: " + result.params()[4]);
    }

    @Test
    void lossToleranceStopsEarly() {
        TrainingConfig c = new TrainingConfig(ModelKind.LINEAR, 0, true, new BatchMode.Full(), new Sgd(), new ConstantSchedule(0.5), GradientClipping.OFF,
                5000, 1, 1e-9, 0, new Regularization(0, 0), 0);
        TrainingResult result = train(c);
        assertEquals(StopReason.LOSS_TOLERANCE, result.stopReason());
        assertTrue(result.iterations() < 5000);
    }
}
