package org.descent.optim;

import org.descent.data.DenseBlock;
import org.descent.loss.LogisticLoss;
import org.descent.sums.SumsLayout;
import org.descent.model.LinearLayout;
import org.descent.model.LinearModel;
import org.descent.model.ParameterLayout;
import org.descent.model.Regularization;
import org.descent.model.TestRows;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every optimizer, full batch, reaches the known optimum of two convex problems: an
 * ill-conditioned quadratic (solved in closed form) and L2-regularized logistic regression
 * through {@link LinearModel}'s kernel (solved here independently by Newton's method). The
 * learning rates are each rule's own sensible choice; the adaptive rules get a decaying
 * schedule because a constant rate leaves them hovering at a distance of about η.
 */
class OptimizerConvergenceTest {

    private static final int ITERATIONS = 3000;

    static Stream<Arguments> quadraticSettings() {
        // Curvatures 1 and 50: SGD's rate is capped by 2/50, its slow direction needs ~1/(η·1) steps.
        return Stream.of(
                Arguments.of(new Sgd(), new ConstantSchedule(0.035)),
                Arguments.of(new Momentum(0.9), new ConstantSchedule(0.02)),
                Arguments.of(new Nesterov(0.9), new ConstantSchedule(0.02)),
                Arguments.of(new AdaGrad(), new ConstantSchedule(0.5)),
                Arguments.of(new RmsProp(), new WarmupSchedule(10, new ExponentialSchedule(0.05, 0.995))),
                Arguments.of(new Adam(), new InverseTimeSchedule(0.1, 0.01)),
                Arguments.of(new AdamW(0.9, 0.999, 1e-8, 0), new StepSchedule(0.1, 0.5, 300)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("quadraticSettings")
    void reachesTheMinimumOfAnIllConditionedQuadratic(Optimizer optimizer, LearningRateSchedule schedule) {
        // f(θ) = ½ θᵀ H θ − cᵀθ, H = [[1, 0.5], [0.5, 50]], minimum at H⁻¹c.
        double[][] h = {{1, 0.5}, {0.5, 50}};
        double[] c = {1, 2};
        double det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
        double[] exact = {(h[1][1] * c[0] - h[0][1] * c[1]) / det, (h[0][0] * c[1] - h[1][0] * c[0]) / det};
        double[] found = minimize(optimizer, schedule, new double[2], new LinearLayout(2, 1, false),
                theta -> new double[] {
                        h[0][0] * theta[0] + h[0][1] * theta[1] - c[0],
                        h[1][0] * theta[0] + h[1][1] * theta[1] - c[1]});
        assertEquals(exact[0], found[0], 1e-6, optimizer + " θ₀");
        assertEquals(exact[1], found[1], 1e-6, optimizer + " θ₁");
    }

    static Stream<Arguments> logisticSettings() {
        return Stream.of(
                // Feature scales up to 8 put the largest curvature near 16, so SGD needs η < 2/16.
                Arguments.of(new Sgd(), new ConstantSchedule(0.1)),
                Arguments.of(new Momentum(0.9), new ConstantSchedule(0.05)),
                Arguments.of(new Nesterov(0.9), new ConstantSchedule(0.05)),
                Arguments.of(new AdaGrad(), new ConstantSchedule(0.5)),
                Arguments.of(new RmsProp(), new ExponentialSchedule(0.02, 0.997)),
                Arguments.of(new Adam(), new InverseTimeSchedule(0.05, 0.01)),
                Arguments.of(new AdamW(0.9, 0.999, 1e-8, 0), new LinearSchedule(0.05, 0, ITERATIONS)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("logisticSettings")
    void reachesTheRegularizedLogisticRegressionOptimum(Optimizer optimizer, LearningRateSchedule schedule) {
        LogisticProblem problem = LogisticProblem.generate(7, 400, 4);
        double[] exact = problem.newtonSolution();
        double[] found = minimize(optimizer, schedule, new double[problem.layout.numParams()], problem.layout,
                problem::gradient);
        for (int j = 0; j < exact.length; j++) {
            assertEquals(exact[j], found[j], 1e-5, optimizer + " parameter " + j);
        }
    }

    private static double[] minimize(Optimizer optimizer, LearningRateSchedule schedule, double[] start,
                                     ParameterLayout layout, Function<double[], double[]> gradient) {
        double[] params = start.clone();
        OptimizerState state = optimizer.initialState(params.length);
        for (int t = 0; t < ITERATIONS; t++) {
            optimizer.update(params, gradient.apply(params), schedule.rate(t), state, layout);
        }
        return params;
    }

    /**
     * Mean logistic loss of {@code rows} plus (λ/2)‖w‖², the gradient from {@link LinearModel}
     * and the exact Hessian written out here, for Newton's method as the reference solver.
     */
    private record LogisticProblem(TestRows rows, LinearLayout layout, LinearModel model, DenseBlock block,
                                   Regularization regularization) {

        static LogisticProblem generate(long seed, int numRows, int numFeatures) {
            Random random = new Random(seed);
            double[] truth = {2.0, -1.0, 0.5, 0.0};
            double[][] x = new double[numRows][numFeatures];
            double[] y = new double[numRows];
            double[] w = new double[numRows];
            for (int i = 0; i < numRows; i++) {
                double margin = 0.3;
                for (int j = 0; j < numFeatures; j++) {
                    // Feature scales 1, 2, 4, 8: the ill-conditioning real data has.
                    x[i][j] = random.nextGaussian() * (1 << j);
                    margin += truth[j] * x[i][j] / (1 << j);
                }
                y[i] = random.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
                w[i] = 0.5 + random.nextDouble();
            }
            TestRows rows = new TestRows(x, y, w);
            LinearLayout layout = new LinearLayout(numFeatures, 1, true);
            return new LogisticProblem(rows, layout, new LinearModel(layout, new LogisticLoss()),
                    rows.toDense(numFeatures), new Regularization(0.01, 0));
        }

        double[] gradient(double[] params) {
            SumsLayout sums = new SumsLayout(layout.numParams());
            double[] s = new double[sums.size()];
            model.accumulate(block, null, params, s, 0);
            double[] g = new double[layout.numParams()];
            for (int j = 0; j < g.length; j++) {
                g[j] = s[j] / s[sums.weightIndex()];
            }
            regularization.addSmoothGradient(params, layout, g);
            return g;
        }

        /** Newton's method: θ ← θ − H⁻¹∇f, H = X̃ᵀ diag(w p(1−p)) X̃ / Σw + λ diag(penalized). */
        double[] newtonSolution() {
            int n = layout.numParams();
            int d = layout.numFeatures();
            double[] theta = new double[n];
            for (int iteration = 0; iteration < 30; iteration++) {
                double[][] hessian = new double[n][n];
                double weightSum = 0;
                for (int i = 0; i < rows.numRows(); i++) {
                    double[] xt = new double[n];
                    System.arraycopy(rows.x()[i], 0, xt, 0, d);
                    xt[d] = 1;
                    double z = 0;
                    for (int j = 0; j < n; j++) {
                        z += theta[j] * xt[j];
                    }
                    double p = 1 / (1 + Math.exp(-z));
                    double c = rows.weights()[i] * p * (1 - p);
                    weightSum += rows.weights()[i];
                    for (int j = 0; j < n; j++) {
                        for (int k = 0; k < n; k++) {
                            hessian[j][k] += c * xt[j] * xt[k];
                        }
                    }
                }
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        hessian[j][k] /= weightSum;
                    }
                    if (layout.isPenalized(j)) {
                        hessian[j][j] += regularization.l2();
                    }
                }
                double[] step = solve(hessian, gradient(theta));
                for (int j = 0; j < n; j++) {
                    theta[j] -= step[j];
                }
            }
            return theta;
        }

        /** Gaussian elimination with partial pivoting; the Hessian is small and positive definite. */
        private static double[] solve(double[][] a, double[] b) {
            int n = b.length;
            double[][] m = new double[n][];
            double[] r = b.clone();
            for (int i = 0; i < n; i++) {
                m[i] = a[i].clone();
            }
            for (int col = 0; col < n; col++) {
                int pivot = col;
                for (int row = col + 1; row < n; row++) {
                    if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                        pivot = row;
                    }
                }
                double[] tmp = m[col];
                m[col] = m[pivot];
                m[pivot] = tmp;
                double t = r[col];
                r[col] = r[pivot];
                r[pivot] = t;
                for (int row = col + 1; row < n; row++) {
                    double f = m[row][col] / m[col][col];
                    for (int k = col; k < n; k++) {
                        m[row][k] -= f * m[col][k];
                    }
                    r[row] -= f * r[col];
                }
            }
            double[] x = new double[n];
            for (int row = n - 1; row >= 0; row--) {
                double s = r[row];
                for (int k = row + 1; k < n; k++) {
                    s -= m[row][k] * x[k];
                }
                x[row] = s / m[row][row];
            }
            return x;
        }
    }
}
