package org.descent.model;

import org.descent.sums.SumsLayout;
import org.descent.data.DenseBlock;
import org.descent.loss.SquaredLoss;
import org.descent.optim.OptimizerState;
import org.descent.optim.Sgd;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegularizationTest {

    /** Two weights then one intercept. */
    private static final LinearLayout LAYOUT = new LinearLayout(2, 1, true);

    @Test
    void coefficientsMustBeFiniteAndNonNegative() {
        for (double bad : new double[] {-1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException l2 = assertThrows(IllegalArgumentException.class, () -> new Regularization(bad, 0));
            assertTrue(l2.getMessage().startsWith("l2 must be"), l2.getMessage());
            IllegalArgumentException l1 = assertThrows(IllegalArgumentException.class, () -> new Regularization(0, bad));
            assertTrue(l1.getMessage().startsWith("l1 must be"), l1.getMessage());
        }
    }

    @Test
    void penaltyIsHalfL2TimesSquaresPlusL1TimesAbsolutesOfTheWeights() {
        Regularization regularization = new Regularization(0.5, 0.1);
        // (0.5/2)(3² + 4²) + 0.1(3 + 4); the intercept 10 is not penalized.
        assertEquals(6.25 + 0.7, regularization.penalty(new double[] {3, -4, 10}, LAYOUT), 1e-15);
        assertEquals(0.0, Regularization.NONE.penalty(new double[] {3, -4, 10}, LAYOUT));
    }

    @Test
    void smoothGradientAddsL2TimesEachWeight() {
        double[] gradient = {1, 1, 1};
        new Regularization(0.5, 0.1).addSmoothGradient(new double[] {3, -4, 10}, LAYOUT, gradient);
        assertArrayEquals(new double[] {2.5, -1, 1}, gradient, 0.0);
    }

    @Test
    void theInterceptIsNeverPenalized() {
        Regularization regularization = new Regularization(2.0, 1.0);
        double[] onlyIntercept = {0, 0, 7.5};
        assertEquals(0.0, regularization.penalty(onlyIntercept, LAYOUT));
        double[] gradient = {0, 0, 0};
        regularization.addSmoothGradient(onlyIntercept, LAYOUT, gradient);
        assertArrayEquals(new double[] {0, 0, 0}, gradient, 0.0);
        regularization.applyL1Proximal(onlyIntercept, LAYOUT, 100.0);
        assertArrayEquals(new double[] {0, 0, 7.5}, onlyIntercept, 0.0);
        // An unpenalized entry's subgradient is its gradient, however large λ₁ is.
        assertEquals(0.25, regularization.stationarityNorm(new double[] {0, 0, 7.5}, LAYOUT,
                new double[] {0, 0, 0.25}), 0.0);
    }

    @Test
    void proximalStepZeroesSmallWeightsAndShrinksLargeOnes() {
        LinearLayout layout = new LinearLayout(4, 1, true);
        double[] params = {0.3, -0.2, 2.0, -3.0, 0.1};
        new Regularization(0, 1).applyL1Proximal(params, layout, 0.5);
        assertArrayEquals(new double[] {0, 0, 1.5, -2.5, 0.1}, params, 0.0);
    }

    @Test
    void proximalStepSolvesItsOneDimensionalProblem() {
        // p = prox(v) minimizes ½(p − v)² + t|p|  ⇔  v − p ∈ t ∂|p|.
        LinearLayout layout = new LinearLayout(1, 1, false);
        Regularization regularization = new Regularization(0, 1);
        Random random = new Random(3);
        for (int trial = 0; trial < 100; trial++) {
            double v = 4 * random.nextGaussian();
            double t = random.nextDouble();
            double[] p = {v};
            regularization.applyL1Proximal(p, layout, t);
            if (p[0] == 0) {
                assertTrue(Math.abs(v) <= t, "v=" + v + " t=" + t);
            } else {
                assertEquals(t * Math.signum(p[0]), v - p[0], 1e-15, "v=" + v + " t=" + t);
            }
        }
    }

    @Test
    void proximalStepKeepsNanAndRejectsNegativeThresholds() {
        LinearLayout layout = new LinearLayout(1, 1, false);
        double[] params = {Double.NaN};
        new Regularization(0, 1).applyL1Proximal(params, layout, 0.5);
        assertTrue(Double.isNaN(params[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new Regularization(0, 1).applyL1Proximal(new double[] {1}, layout, -0.1));
        assertEquals(0.25, new Regularization(0, 0.5).proximalThreshold(0.5));
    }

    @Test
    void stationarityNormUsesTheMinimumNormSubgradient() {
        LinearLayout layout = new LinearLayout(3, 1, true);
        Regularization regularization = new Regularization(0, 1);
        double[] params = {2.0, 0.0, 0.0, 5.0};
        double[] gradient = {-0.5, 0.4, -3.0, 0.75};
        // w ≠ 0: −0.5 + 1; w = 0, |g| ≤ λ₁: 0; w = 0, |g| > λ₁: 3 − 1; intercept: 0.75.
        double expected = Math.sqrt(0.5 * 0.5 + 0 + 2.0 * 2.0 + 0.75 * 0.75);
        assertEquals(expected, regularization.stationarityNorm(params, layout, gradient), 1e-15);
        double plainNorm = Math.sqrt(0.25 + 0.16 + 9 + 0.5625);
        assertEquals(plainNorm, Regularization.NONE.stationarityNorm(params, layout, gradient), 1e-15);
    }

    /**
     * One-feature lasso with an unpenalized intercept, solved by hand: minimizing
     * (1/n) Σ ½(w x_i + b − y_i)² + λ₁|w| gives b = ȳ − w x̄ and w = S(C_xy, λ₁) / C_xx with
     * S the soft-threshold and C the centred second moments. Here x̄ = 3, ȳ = 4, C_xx = 2,
     * C_xy = 2.02.
     */
    private static final double[] X = {1, 2, 3, 4, 5};
    private static final double[] Y = {2.0, 2.9, 4.2, 4.8, 6.1};
    private static final LinearModel LASSO_MODEL = new LinearModel(new LinearLayout(1, 1, true), new SquaredLoss());
    private static final DenseBlock LASSO_DATA = new DenseBlock(5, 1, X, Y, new double[] {1, 1, 1, 1, 1});

    private static double[] meanLossGradient(double[] params) {
        double[] sums = new double[new SumsLayout(2).size()];
        LASSO_MODEL.accumulate(LASSO_DATA, null, params, sums, 0);
        return new double[] {sums[0] / sums[3], sums[1] / sums[3]};
    }

    @Test
    void stationarityNormIsZeroAtAHandSolvedLassoOptimum() {
        Regularization small = new Regularization(0, 0.5);
        double[] optimum = {(2.02 - 0.5) / 2, 4 - 3 * (2.02 - 0.5) / 2}; // w = 0.76, b = 1.72
        assertEquals(0.0, small.stationarityNorm(optimum, LASSO_MODEL.layout(), meanLossGradient(optimum)), 1e-14);

        Regularization large = new Regularization(0, 3.0); // λ₁ > C_xy: w = 0, b = ȳ
        double[] zeroWeight = {0.0, 4.0};
        assertEquals(0.0, large.stationarityNorm(zeroWeight, LASSO_MODEL.layout(), meanLossGradient(zeroWeight)),
                1e-14);

        // Away from the optimum it is not 0: at (0, 4) with λ₁ = 0.5 the weight's term is 2.02 − 0.5.
        assertEquals(1.52, small.stationarityNorm(zeroWeight, LASSO_MODEL.layout(), meanLossGradient(zeroWeight)),
                1e-14);
        assertEquals(2.5, large.stationarityNorm(optimum, LASSO_MODEL.layout(), meanLossGradient(optimum)), 1e-14);
    }

    @Test
    void proximalGradientDescentReachesTheHandSolvedLassoOptimum() {
        // Hessian of the mean loss in (w, b): [[11, 3], [3, 1]], largest eigenvalue ≈ 11.83 < 1/0.08.
        double learningRate = 0.08;
        Sgd sgd = new Sgd();
        for (double lambda : new double[] {0.5, 3.0}) {
            Regularization regularization = new Regularization(0, lambda);
            double[] params = {0.0, 0.0};
            OptimizerState state = sgd.initialState(2);
            for (int iteration = 0; iteration < 5000; iteration++) {
                sgd.update(params, meanLossGradient(params), learningRate, state, LASSO_MODEL.layout());
                regularization.applyL1Proximal(params, LASSO_MODEL.layout(),
                        regularization.proximalThreshold(learningRate));
            }
            double w = Math.max(2.02 - lambda, 0) / 2;
            assertEquals(w, params[0], 1e-12, "w at λ₁=" + lambda);
            assertEquals(4 - 3 * w, params[1], 1e-12, "b at λ₁=" + lambda);
            assertTrue(regularization.stationarityNorm(params, LASSO_MODEL.layout(), meanLossGradient(params)) < 1e-12);
        }
    }
}
