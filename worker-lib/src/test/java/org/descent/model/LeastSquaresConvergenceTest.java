package org.descent.model;

import org.descent.sums.SumsLayout;
import org.descent.data.DataBlock;
import org.descent.loss.SquaredLoss;
import org.descent.optim.OptimizerState;
import org.descent.optim.Sgd;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Full-batch gradient descent on the mean weighted squared loss reaches the exact least-squares
 * solution, the solution of the normal equations {@code (X̃ᵀ D X̃) θ = X̃ᵀ D y} with
 * X̃ = [X, 1] and D = diag(weights), solved here independently by Cholesky factorisation.
 */
class LeastSquaresConvergenceTest {

    private static final int NUM_ROWS = 200;
    private static final int NUM_FEATURES = 5;
    private static final int ITERATIONS = 1000;
    private static final double TOLERANCE = 1e-8;

    @Test
    void gradientDescentReachesTheNormalEquationSolutionWithUnitWeights() {
        assertConverges(problem(1, true));
    }

    @Test
    void gradientDescentReachesTheWeightedNormalEquationSolution() {
        assertConverges(problem(2, false));
    }

    private static TestRows problem(long seed, boolean unitWeights) {
        Random random = new Random(seed);
        double[] beta = {1.5, -2.0, 0.5, 0.0, 3.0};
        double intercept = -0.75;
        double[][] x = new double[NUM_ROWS][NUM_FEATURES];
        double[] y = new double[NUM_ROWS];
        double[] weights = new double[NUM_ROWS];
        for (int i = 0; i < NUM_ROWS; i++) {
            y[i] = intercept + 0.3 * random.nextGaussian();
            for (int j = 0; j < NUM_FEATURES; j++) {
                x[i][j] = random.nextGaussian();
                y[i] += beta[j] * x[i][j];
            }
            weights[i] = unitWeights ? 1.0 : 0.5 + 1.5 * random.nextDouble();
        }
        return new TestRows(x, y, weights);
    }

    private static void assertConverges(TestRows rows) {
        LinearLayout layout = new LinearLayout(NUM_FEATURES, 1, true);
        LinearModel model = new LinearModel(layout, new SquaredLoss());
        // Three blocks of both kinds: one gradient is the merged sums over all of them.
        List<DataBlock> blocks = List.of(rows.slice(0, 70).toDense(NUM_FEATURES),
                rows.slice(70, 150).toSparse(NUM_FEATURES), rows.slice(150, NUM_ROWS).toDense(NUM_FEATURES));

        double[] exact = normalEquationSolution(rows);
        // η = 1 / tr(H) ≤ 1 / λ_max(H), H = X̃ᵀDX̃ / Σw, so every step decreases the loss.
        double learningRate = 1.0 / trace(rows);
        SumsLayout sumsLayout = new SumsLayout(layout.numParams());
        double[] params = new double[layout.numParams()];
        Sgd sgd = new Sgd();
        OptimizerState state = sgd.initialState(params.length);
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[] sums = new double[sumsLayout.size()];
            for (DataBlock block : blocks) {
                model.accumulate(block, null, params, sums, 0);
            }
            assertEquals(NUM_ROWS, sums[sumsLayout.countIndex()]);
            double[] gradient = new double[params.length];
            for (int j = 0; j < params.length; j++) {
                gradient[j] = sums[j] / sums[sumsLayout.weightIndex()];
            }
            sgd.update(params, gradient, learningRate, state, layout);
        }
        assertEquals(ITERATIONS, state.steps());
        for (int j = 0; j < params.length; j++) {
            assertEquals(exact[j], params[j], TOLERANCE, "coefficient " + j);
        }
        // The problem is not degenerate: the solution is near the generating coefficients.
        assertTrue(Math.abs(exact[0] - 1.5) < 0.2 && Math.abs(exact[NUM_FEATURES] + 0.75) < 0.2);
    }

    /** tr(X̃ᵀDX̃) / Σw = Σ_i w_i (1 + ‖x_i‖²) / Σ_i w_i. */
    private static double trace(TestRows rows) {
        double trace = 0;
        double weightSum = 0;
        for (int i = 0; i < rows.numRows(); i++) {
            double norm = 1;
            for (double v : rows.x()[i]) {
                norm += v * v;
            }
            trace += rows.weights()[i] * norm;
            weightSum += rows.weights()[i];
        }
        return trace / weightSum;
    }

    /** Solves (X̃ᵀDX̃) θ = X̃ᵀDy by Cholesky, A = LLᵀ, then two triangular solves. */
    private static double[] normalEquationSolution(TestRows rows) {
        int n = NUM_FEATURES + 1;
        double[][] a = new double[n][n];
        double[] b = new double[n];
        double[] augmented = new double[n];
        for (int i = 0; i < rows.numRows(); i++) {
            System.arraycopy(rows.x()[i], 0, augmented, 0, NUM_FEATURES);
            augmented[NUM_FEATURES] = 1.0;
            double w = rows.weights()[i];
            for (int r = 0; r < n; r++) {
                b[r] += w * augmented[r] * rows.labels()[i];
                for (int c = 0; c < n; c++) {
                    a[r][c] += w * augmented[r] * augmented[c];
                }
            }
        }
        double[][] lower = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c <= r; c++) {
                double s = a[r][c];
                for (int k = 0; k < c; k++) {
                    s -= lower[r][k] * lower[c][k];
                }
                lower[r][c] = r == c ? Math.sqrt(s) : s / lower[c][c];
            }
        }
        double[] forward = new double[n];
        for (int r = 0; r < n; r++) {
            double s = b[r];
            for (int k = 0; k < r; k++) {
                s -= lower[r][k] * forward[k];
            }
            forward[r] = s / lower[r][r];
        }
        double[] theta = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = forward[r];
            for (int k = r + 1; k < n; k++) {
                s -= lower[k][r] * theta[k];
            }
            theta[r] = s / lower[r][r];
        }
        return theta;
    }
}
