package org.descent.model;

import org.descent.data.DataBlock;
import org.descent.loss.LogisticLoss;
import org.descent.loss.OutputLoss;
import org.descent.loss.SoftmaxCrossEntropy;
import org.descent.loss.SquaredLoss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference check of the full objective a trainer minimizes,
 * <pre>
 *   F(θ) = lossSum(θ) / weightSum + (λ₂/2)‖w‖² + λ₁‖w‖₁,
 *   ∇F   = gradientSum(θ) / weightSum + λ₂ w + λ₁ sign(w),
 * </pre>
 * for every loss, block type, intercept setting, regularization and weighting, on seeded random
 * data. Penalized parameters are drawn with |w| ≥ 0.2, far from the L1 kink.
 */
class LinearModelGradientTest {

    private static final int NUM_ROWS = 20;
    private static final int NUM_FEATURES = 7;
    private static final int NUM_CLASSES = 3;
    private static final double DENSITY = 0.6;
    private static final double TOLERANCE = 1e-6;

    private static final List<Regularization> REGULARIZATIONS =
            List.of(Regularization.NONE, new Regularization(0.3, 0), new Regularization(0.2, 0.05));

    static Stream<Arguments> cases() {
        List<OutputLoss> losses = List.of(new SquaredLoss(), new LogisticLoss(), new SoftmaxCrossEntropy(NUM_CLASSES));
        List<Arguments> cases = new ArrayList<>();
        long seed = 1;
        for (OutputLoss loss : losses) {
            for (boolean sparse : new boolean[] {false, true}) {
                for (boolean intercept : new boolean[] {false, true}) {
                    for (Regularization regularization : REGULARIZATIONS) {
                        for (boolean unitWeights : new boolean[] {true, false}) {
                            cases.add(Arguments.of(loss, sparse, intercept, regularization, unitWeights, seed++));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} sparse={1} intercept={2} {3} unitWeights={4}")
    @MethodSource("cases")
    void analyticGradientOfTheObjectiveMatchesFiniteDifferences(OutputLoss loss, boolean sparse, boolean intercept,
                                                                Regularization regularization, boolean unitWeights,
                                                                long seed) {
        LinearLayout layout = new LinearLayout(NUM_FEATURES, loss.numOutputs(), intercept);
        LinearModel model = new LinearModel(layout, loss);
        TestRows rows = TestRows.random(seed, NUM_ROWS, NUM_FEATURES, DENSITY, loss, unitWeights);
        DataBlock block = sparse ? rows.toSparse(NUM_FEATURES) : rows.toDense(NUM_FEATURES);
        double[] theta = parametersAwayFromZero(layout, new Random(seed + 1000));

        GradientCheck.Result result = new Objective(model, regularization, block).check(theta);

        assertTrue(result.worstRelativeError() < TOLERANCE, result.toString());
    }

    /** Weights with |w| in [0.2, 0.8) and random sign; intercepts in (−1, 1). */
    static double[] parametersAwayFromZero(LinearLayout layout, Random random) {
        double[] theta = new double[layout.numParams()];
        for (int j = 0; j < theta.length; j++) {
            if (layout.isPenalized(j)) {
                double magnitude = 0.2 + 0.6 * random.nextDouble();
                theta[j] = random.nextBoolean() ? magnitude : -magnitude;
            } else {
                theta[j] = 2 * random.nextDouble() - 1;
            }
        }
        return theta;
    }
}
