package org.descent.model;

import org.descent.data.DataBlock;
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
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Finite-difference check, in double precision, of the full objective of a network with two
 * hidden layers ({@link Objective}: mean loss plus L2 and L1 penalties on the weights, never
 * the biases): every activation in each hidden layer, classification and regression, dense and
 * both CSR paths, unit and random row weights.
 *
 * <p>relu is not differentiable at 0, and a difference quotient straddling a kink is wrong by
 * up to the size of the kink's effect; so for networks with relu the parameters are redrawn
 * (deterministically, seed after seed) until every hidden pre-activation of every row is at
 * least {@link #RELU_MARGIN} from 0, about five times what the largest step (±2h with
 * h = 1e−3 · max(1, |θ|)) can move it.
 */
class MlpModelGradientTest {

    private static final int NUM_ROWS = 12;
    private static final int NUM_CLASSES = 3;
    private static final double TOLERANCE = 1e-6;
    private static final double RELU_MARGIN = 0.03;
    private static final int MAX_DRAWS = 500;

    private static final List<Regularization> REGULARIZATIONS =
            List.of(Regularization.NONE, new Regularization(0.3, 0), new Regularization(0.2, 0.05));

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 1;
        for (OutputLoss loss : List.of(new SoftmaxCrossEntropy(NUM_CLASSES), new SquaredLoss())) {
            for (Activation first : Activation.values()) {
                for (Activation second : Activation.values()) {
                    for (Regularization regularization : REGULARIZATIONS) {
                        MlpModelKernelTest.Input input = MlpModelKernelTest.Input.values()[(int) (seed % 3)];
                        cases.add(Arguments.of(loss, first, second, regularization, input, seed % 2 == 0, seed));
                        seed++;
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1},{2} {3} {4} unitWeights={5}")
    @MethodSource("cases")
    void analyticGradientOfTheObjectiveMatchesFiniteDifferences(OutputLoss loss, Activation first, Activation second,
                                                                Regularization regularization,
                                                                MlpModelKernelTest.Input input, boolean unitWeights,
                                                                long seed) {
        MlpModel model = MlpModelKernelTest.network(input.numFeatures, loss, first, second);
        TestRows rows = TestRows.random(seed, NUM_ROWS, input.numFeatures, input.density, loss, unitWeights);
        DataBlock block = input.block(rows);
        double[] theta = parametersAwayFromKinks(model, rows, seed);

        GradientCheck.Result result = new Objective(model, regularization, block).check(theta);

        assertTrue(result.worstRelativeError() < TOLERANCE, result.toString());
    }

    /**
     * Initial weights (|w| pushed to at least 0.2, clear of the L1 kink) with random biases,
     * redrawn until no relu unit sits within RELU_MARGIN of its kink on any row.
     */
    static double[] parametersAwayFromKinks(MlpModel model, TestRows rows, long seed) {
        MlpLayout layout = model.layout();
        MlpReference reference = new MlpReference(model);
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            long drawSeed = seed * 1000 + draw;
            double[] theta = model.initialParameters(drawSeed);
            Random random = new Random(drawSeed);
            for (int j = 0; j < theta.length; j++) {
                if (layout.isPenalized(j)) {
                    theta[j] = Math.copySign(0.2 + Math.abs(theta[j]), theta[j]);
                } else {
                    theta[j] = random.nextGaussian() * 0.5;
                }
            }
            if (clearOfReluKinks(model, reference, rows, theta)) {
                return theta;
            }
        }
        return fail("no parameters with every relu pre-activation at least " + RELU_MARGIN + " from 0 in "
                + MAX_DRAWS + " draws");
    }

    private static boolean clearOfReluKinks(MlpModel model, MlpReference reference, TestRows rows, double[] theta) {
        for (int i = 0; i < rows.numRows(); i++) {
            double[][] z = reference.preActivations(rows.x()[i], theta);
            for (int k = 0; k < model.hiddenActivations().size(); k++) {
                if (model.hiddenActivations().get(k) != Activation.RELU) {
                    continue;
                }
                for (double v : z[k + 1]) {
                    if (Math.abs(v) < RELU_MARGIN) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
