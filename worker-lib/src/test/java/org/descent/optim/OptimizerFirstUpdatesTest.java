package org.descent.optim;

import org.descent.model.LinearLayout;
import org.descent.model.ParameterLayout;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The first three updates of every optimizer, against values worked out from its formula.
 *
 * <p>The problem: f(w, b) = w² + b²/2, so g = (2w, b), from θ₀ = (1, 1) with η = 0.1. The
 * parameters are laid out as one weight w and one intercept b ({@code LinearLayout(1, 1,
 * true)}), so decoupled weight decay touches w only. The two coordinates have different
 * curvature, which separates the per-coordinate rules (AdaGrad, RMSProp, Adam) from the global
 * ones.
 */
class OptimizerFirstUpdatesTest {

    private static final ParameterLayout LAYOUT = new LinearLayout(1, 1, true);
    private static final double LR = 0.1;
    private static final double EXACT = 1e-15;

    @Test
    void sgdStepsAgainstTheGradient() {
        // θ ← θ − η g: w ← w − 0.2w = 0.8w, b ← b − 0.1b = 0.9b.
        assertUpdates(new Sgd(), EXACT, new double[][] {
                {0.8, 0.9},
                {0.64, 0.81},
                {0.512, 0.729}});
    }

    @Test
    void momentumAccumulatesGradientsInAVelocity() {
        // v ← 0.9 v + g; θ ← θ − η v.
        // w: g=2, v=2, w=0.8 | g=1.6, v=1.8+1.6=3.4, w=0.8−0.34=0.46 | g=0.92, v=3.06+0.92=3.98, w=0.46−0.398=0.062
        // b: g=1, v=1, b=0.9 | g=0.9, v=0.9+0.9=1.8, b=0.9−0.18=0.72 | g=0.72, v=1.62+0.72=2.34, b=0.72−0.234=0.486
        assertUpdates(new Momentum(0.9), 1e-15, new double[][] {
                {0.8, 0.9},
                {0.46, 0.72},
                {0.062, 0.486}});
    }

    @Test
    void nesterovStepsWithTheLookAheadVelocity() {
        // v ← 0.9 v + g; θ ← θ − η (g + 0.9 v).
        // w: g=2, v=2, w=1−0.1(2+1.8)=0.62 | g=1.24, v=1.8+1.24=3.04, w=0.62−0.1(1.24+2.736)=0.2224
        //    | g=0.4448, v=2.736+0.4448=3.1808, w=0.2224−0.1(0.4448+2.86272)=−0.108352
        // b: g=1, v=1, b=1−0.1(1+0.9)=0.81 | g=0.81, v=0.9+0.81=1.71, b=0.81−0.1(0.81+1.539)=0.5751
        //    | g=0.5751, v=1.539+0.5751=2.1141, b=0.5751−0.1(0.5751+1.90269)=0.327321
        assertUpdates(new Nesterov(0.9), 1e-15, new double[][] {
                {0.62, 0.81},
                {0.2224, 0.5751},
                {-0.108352, 0.327321}});
    }

    @Test
    void adaGradDividesByTheRootOfTheSummedSquares() {
        // G ← G + g²; θ ← θ − η g / (√G + ε), ε = 1e-8.
        // Step 1: G=g², so the step is η·|g|/(|g|+ε) ≈ η: w = 1 − 0.1·2/(2+1e-8) = 0.9000000005,
        //         b = 1 − 0.1·1/(1+1e-8) = 0.900000001.
        // Step 2: w: g=1.8000000010, G=4+3.24=7.24, w = 0.9 − 0.1·1.8/√7.24 = 0.8331035276
        //         b: g=0.9, G=1+0.81=1.81, b = 0.9 − 0.1·0.9/√1.81 = 0.8331035283
        // Step 3: w: g=1.666207055, G=7.24+2.776246=10.016246, w=0.833103528−0.1·1.666207055/3.164845=0.780456182
        assertUpdates(new AdaGrad(1e-8), 1e-12, new double[][] {
                {0.9000000005, 0.900000001},
                {0.8331035275658407, 0.8331035282939266},
                {0.7804561822187429, 0.7804561830893826}});
    }

    @Test
    void rmsPropDividesByTheRootOfTheRunningMeanSquare() {
        // E ← 0.9 E + 0.1 g²; θ ← θ − η g / (√E + ε).
        // Step 1: E = 0.1 g², step = η g/(√0.1 |g|) = η/√0.1 = 0.316227766: w = b = 0.683772234 (to 1e-8).
        // Step 2: w: g=1.367544468, E=0.36+0.187017=0.547017, w=0.683772239−0.1·1.367544468/0.739606=0.498870614
        // Step 3 likewise.
        assertUpdates(new RmsProp(0.9, 1e-8), 1e-12, new double[][] {
                {0.683772238983162, 0.6837722439831617},
                {0.498870613507054, 0.4988706201172374},
                {0.3691805602915597, 0.36918056742779404}});
    }

    @Test
    void adamTakesBiasCorrectedStepsOfAboutTheLearningRate() {
        // m ← 0.9m + 0.1g; v ← 0.999v + 0.001g²; θ ← θ − η (m/(1−0.9ᵗ)) / (√(v/(1−0.999ᵗ)) + ε).
        // Step 1: m̂ = g, v̂ = g², so the step is η g/(|g| + ε) ≈ η: w = 0.9000000005, b = 0.900000001.
        // Step 2: w: g=1.8, m=0.18+0.18=0.36, m̂=0.36/0.19=1.894737, v=0.003996+0.00324=0.007236,
        //         v̂=0.007236/0.001999=3.619810, w=0.9−0.1·1.894737/1.902580=0.800412229
        // Step 3 likewise.
        assertUpdates(new Adam(0.9, 0.999, 1e-8), 1e-12, new double[][] {
                {0.9000000005, 0.900000001},
                {0.8004122286917928, 0.8004122297123382},
                {0.7015862729460303, 0.701586274504415}});
    }

    @Test
    void adamWDecaysTheWeightButNotTheIntercept() {
        // θ ← θ − η λ θ on w only (λ = 0.5, so w ← 0.95 w), then the Adam step on the same g.
        // Step 1: g = (2, 1) from w = 1; w = 0.95 − 0.1·2/(2 + 1e-8) = 0.8500000005; b as in Adam.
        // Steps 2, 3: the decay changes w and so its gradient; b's column equals Adam's exactly.
        assertUpdates(new AdamW(0.9, 0.999, 1e-8, 0.5), 1e-12, new double[][] {
                {0.8500000004999999, 0.900000001},
                {0.7082484433597453, 0.8004122297123382},
                {0.5749739307415968, 0.701586274504415}});
    }

    @Test
    void everyOptimizerCountsItsSteps() {
        for (Optimizer optimizer : Optimizers.ALL) {
            OptimizerState state = optimizer.initialState(2);
            double[] params = {1, 1};
            for (int i = 0; i < 3; i++) {
                optimizer.update(params, gradient(params), LR, state, LAYOUT);
            }
            assertEquals(3, state.steps(), optimizer.name());
        }
    }

    /** ∇(w² + b²/2) = (2w, b). */
    private static double[] gradient(double[] params) {
        return new double[] {2 * params[0], params[1]};
    }

    private static void assertUpdates(Optimizer optimizer, double tolerance, double[][] expected) {
        double[] params = {1, 1};
        OptimizerState state = optimizer.initialState(params.length);
        for (int step = 0; step < expected.length; step++) {
            optimizer.update(params, gradient(params), LR, state, LAYOUT);
            assertArrayEquals(expected[step], params, tolerance, optimizer.name() + " after update " + (step + 1));
        }
    }
}
