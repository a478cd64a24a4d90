package org.descent.model;

import org.descent.data.DataBlock;
import org.descent.data.FeatureMoments;
import org.descent.loss.LogisticLoss;
import org.descent.loss.OutputLoss;
import org.descent.loss.SoftmaxCrossEntropy;
import org.descent.loss.SquaredLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Standardization folded into the parameters: the model it writes computes on raw rows what
 * the standardized parameters compute on standardized rows, and the gradient it maps back is
 * the gradient of the objective in standardized coordinates,
 * <pre>
 *   F(θ') = L(toModel(θ')) + R(θ'),
 * </pre>
 * the loss of the model on the raw data plus the penalties on the standardized coefficients.
 */
class FeatureScalingTest {

    private static final int NUM_ROWS = 20;
    private static final int NUM_FEATURES = 6;
    private static final double TOLERANCE = 1e-6;
    /** Feature j is multiplied by SCALES[j] and, in dense data, shifted by OFFSETS[j]; feature 5 is constant. */
    private static final double[] SCALES = {1e-3, 1, 1e3, 30, 0.05, 0};
    private static final double[] OFFSETS = {0, 500, -2e3, 0, 3, 7};

    /** Seeded rows at the scales and offsets above: what a user's raw data looks like. */
    static TestRows rawRows(long seed, OutputLoss loss, boolean sparse) {
        TestRows rows = TestRows.random(seed, NUM_ROWS, NUM_FEATURES, sparse ? 0.5 : 1.0, loss, false);
        for (double[] x : rows.x()) {
            for (int j = 0; j < NUM_FEATURES; j++) {
                if (sparse) {
                    x[j] = j == NUM_FEATURES - 1 ? 0 : x[j] * SCALES[j];
                } else {
                    x[j] = x[j] * SCALES[j] + OFFSETS[j];
                }
            }
        }
        return rows;
    }

    static DataBlock block(TestRows rows, boolean sparse) {
        return sparse ? rows.toSparse(NUM_FEATURES) : rows.toDense(NUM_FEATURES);
    }

    /** The rows standardized by hand: x'_j = (x_j − μ_j) s_j. */
    static TestRows standardizedByHand(TestRows rows, FeatureScaling scaling) {
        double[] means = scaling.means();
        double[] scales = scaling.scales();
        double[][] x = new double[rows.numRows()][NUM_FEATURES];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < NUM_FEATURES; j++) {
                x[i][j] = (rows.x()[i][j] - means[j]) * scales[j];
            }
        }
        return new TestRows(x, rows.labels(), rows.weights());
    }

    static Model linear(OutputLoss loss, boolean intercept) {
        return new LinearModel(new LinearLayout(NUM_FEATURES, loss.numOutputs(), intercept), loss);
    }

    static Model network(OutputLoss loss) {
        return new MlpModel(new MlpLayout(NUM_FEATURES, 5, 4, loss.numOutputs()), List.of(Activation.TANH,
                Activation.SIGMOID), loss);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 1;
        List<Regularization> penalties = List.of(Regularization.NONE, new Regularization(0.3, 0),
                new Regularization(0.2, 0.05));
        for (OutputLoss loss : List.of(new SquaredLoss(), new LogisticLoss(), new SoftmaxCrossEntropy(3))) {
            for (boolean sparse : new boolean[] {false, true}) {
                for (boolean intercept : new boolean[] {true, false}) {
                    for (Regularization penalty : penalties) {
                        cases.add(Arguments.of(linear(loss, intercept), sparse, penalty, seed++));
                    }
                }
            }
        }
        for (OutputLoss loss : List.of(new SoftmaxCrossEntropy(3), new SquaredLoss())) {
            for (boolean sparse : new boolean[] {false, true}) {
                for (Regularization penalty : penalties) {
                    cases.add(Arguments.of(network(loss), sparse, penalty, seed++));
                }
            }
        }
        return cases.stream();
    }

    /** Parameters with every penalized entry at least 0.2 from 0 (the L1 kink), intercepts in (−1, 1). */
    static double[] awayFromZero(ParameterLayout layout, long seed) {
        Random random = new Random(seed);
        double[] theta = new double[layout.numParams()];
        for (int j = 0; j < theta.length; j++) {
            double magnitude = layout.isPenalized(j) ? 0.2 + 0.6 * random.nextDouble() : random.nextDouble();
            theta[j] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return theta;
    }

    static FeatureScaling measured(DataBlock block, ParameterLayout layout) {
        boolean intercept = !(layout instanceof LinearLayout linear) || linear.fitIntercept();
        return FeatureScaling.standardizing(FeatureMoments.of(block), intercept);
    }

    @ParameterizedTest(name = "{0} sparse={1} {2}")
    @MethodSource("cases")
    void theMappedBackGradientIsTheGradientOfTheObjectiveInStandardizedCoordinates(Model model, boolean sparse,
                                                                                    Regularization penalty, long seed) {
        ParameterLayout layout = model.layout();
        DataBlock raw = block(rawRows(seed, model.outputLoss(), sparse), sparse);
        FeatureScaling scaling = measured(raw, layout);
        Objective loss = new Objective(model, Regularization.NONE, raw);
        double[] standardized = awayFromZero(layout, seed + 100);

        double[] analytic = loss.gradient(scaling.toModel(layout, standardized));
        scaling.toStandardizedGradient(layout, analytic);
        penalty.addSmoothGradient(standardized, layout, analytic);
        for (int j = 0; j < analytic.length; j++) {
            if (layout.isPenalized(j)) {
                analytic[j] += penalty.l1() * Math.signum(standardized[j]);
            }
        }
        GradientCheck.Result result = GradientCheck.DEFAULT.check(
                theta -> loss.value(scaling.toModel(layout, theta)) + penalty.penalty(theta, layout), standardized,
                analytic);

        assertTrue(result.worstRelativeError() < TOLERANCE, result.toString());
    }

    @ParameterizedTest(name = "{0} sparse={1}")
    @MethodSource("cases")
    void theModelOnRawRowsPredictsWhatTheStandardizedParametersPredictOnStandardizedRows(Model model, boolean sparse,
                                                                                         Regularization unused,
                                                                                         long seed) {
        ParameterLayout layout = model.layout();
        TestRows rows = rawRows(seed, model.outputLoss(), sparse);
        FeatureScaling scaling = measured(block(rows, sparse), layout);
        double[] standardized = awayFromZero(layout, seed + 200);
        int perRow = model.outputLoss().numPredictionOutputs();
        double[] onRaw = new double[NUM_ROWS * perRow];
        double[] byHand = new double[NUM_ROWS * perRow];

        model.predict(block(rows, sparse), scaling.toModel(layout, standardized), onRaw);
        model.predict(standardizedByHand(rows, scaling).toDense(NUM_FEATURES), standardized, byHand);

        for (int i = 0; i < onRaw.length; i++) {
            assertEquals(byHand[i], onRaw[i], 1e-11 * Math.max(1, Math.abs(byHand[i])), "prediction " + i);
        }
    }

    @Test
    void denseDataWithAnInterceptIsCenteredButSparseDataOrNoInterceptIsOnlyScaled() {
        OutputLoss loss = new LogisticLoss();
        assertTrue(measured(block(rawRows(1, loss, false), false), linear(loss, true).layout()).centers());
        assertFalse(measured(block(rawRows(1, loss, true), true), linear(loss, true).layout()).centers());
        assertFalse(measured(block(rawRows(1, loss, false), false), linear(loss, false).layout()).centers());
    }

    @Test
    void theScalesAreOneOverTheStandardDeviationAndTheMeansTheWeightedMeans() {
        TestRows rows = rawRows(4, new SquaredLoss(), false);
        FeatureMoments moments = FeatureMoments.of(rows.toDense(NUM_FEATURES));
        FeatureScaling scaling = FeatureScaling.standardizing(moments, true);
        for (int j = 0; j < NUM_FEATURES - 1; j++) {
            assertEquals(1 / moments.standardDeviation(j), scaling.scales()[j], 0.0);
            assertEquals(moments.mean(j), scaling.means()[j], 0.0);
        }
    }

    @Test
    void aConstantFeatureGetsWeightExactlyZeroAndNoGradient() {
        for (Model model : List.of(linear(new SoftmaxCrossEntropy(3), true), network(new SquaredLoss()))) {
            ParameterLayout layout = model.layout();
            DataBlock raw = block(rawRows(9, model.outputLoss(), false), false);
            FeatureScaling scaling = measured(raw, layout);
            assertEquals(1, scaling.constantFeatures(), "feature 5 is 7 on every row");
            double[] standardized = awayFromZero(layout, 10);
            double[] params = scaling.toModel(layout, standardized);
            double[] gradient = new Objective(model, Regularization.NONE, raw).gradient(params);
            scaling.toStandardizedGradient(layout, gradient);
            int constant = NUM_FEATURES - 1;
            for (int output = 0; output < (layout instanceof MlpLayout mlp ? mlp.width(1) : 3); output++) {
                int index = layout instanceof MlpLayout mlp ? mlp.weightIndex(0, constant, output)
                        : ((LinearLayout) layout).weightIndex(output, constant);
                assertEquals(0.0, params[index], 0.0, model + " weight of the constant feature, output " + output);
                assertEquals(0.0, gradient[index], 0.0, model + " gradient of the constant feature, output " + output);
                assertTrue(Double.isFinite(params[params.length - 1]));
            }
        }
    }

    @Test
    void noneLeavesParametersAndGradientsAsTheyAre() {
        LinearLayout layout = new LinearLayout(3, 1, true);
        double[] theta = {0.1 + 0.2, -3, 1e-300, 4};
        double[] model = FeatureScaling.NONE.toModel(layout, theta);
        assertArrayEquals(theta, model, 0.0);
        double[] gradient = theta.clone();
        FeatureScaling.NONE.toStandardizedGradient(layout, gradient);
        assertArrayEquals(theta, gradient, 0.0);
        assertTrue(FeatureScaling.NONE.isNone());
    }

    @Test
    void aCenteringTheModelCannotAbsorbOrAScalingOfAnotherWidthIsRefused() {
        FeatureScaling centered = FeatureScaling.of(new double[] {1, 2}, new double[] {1, 1}, true);
        double[] theta = new double[2];
        assertThrows(IllegalArgumentException.class, () -> centered.toModel(new LinearLayout(2, 1, false), theta));
        assertThrows(IllegalArgumentException.class, () -> centered.toModel(new LinearLayout(3, 1, true), new double[4]));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaling.of(new double[] {0}, new double[] {-1}, true));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaling.of(new double[] {Double.NaN}, new double[] {1}, true));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaling.of(new double[] {1}, new double[] {1}, false));
    }
}
