package org.descent.model;

import org.descent.sums.SumsLayout;
import org.descent.data.DataBlock;
import org.descent.data.DenseBlock;
import org.descent.loss.OutputLoss;
import org.descent.loss.SoftmaxCrossEntropy;
import org.descent.loss.SquaredLoss;
import org.descent.optim.OptimizerState;
import org.descent.optim.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Random;

import static org.descent.model.KernelContract.kernelSums;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a network is for: it learns XOR, which no linear model can, and without hidden layers
 * it is softmax (or least-squares) regression, loss, gradient and predictions alike.
 */
class MlpModelTest {

    /** XOR: class 1 exactly when one of the two inputs is 1. */
    private static final DenseBlock XOR = new DenseBlock(4, 2, new double[] {0, 0, 0, 1, 1, 0, 1, 1},
            new double[] {0, 1, 1, 0}, new double[] {1, 1, 1, 1});

    @ParameterizedTest
    @EnumSource(Activation.class)
    void aNetworkWithOneHiddenLayerLearnsXor(Activation activation) {
        MlpModel network = new MlpModel(new MlpLayout(2, 8, 2), List.of(activation), new SoftmaxCrossEntropy(2));
        double[] params = train(network, network.initialParameters(1), 0.5, 3000);

        assertEquals(1.0, accuracy(network, XOR, params), "every XOR case right");
        double meanLoss = meanLoss(network, XOR, params);
        assertTrue(meanLoss < 0.05, "confidently right, mean cross-entropy " + meanLoss);
    }

    @Test
    void noLinearModelSolvesXor() {
        // The best a line can do on XOR is 3 of 4; gradient descent on the convex softmax loss,
        // from a random start, goes to its optimum: every probability 1/2, mean loss log 2.
        LinearModel linear = new LinearModel(new LinearLayout(2, 2, true), new SoftmaxCrossEntropy(2));
        double[] start = new Random(3).doubles(linear.layout().numParams(), -2, 2).toArray();
        double[] params = train(linear, start, 0.5, 3000);
        assertTrue(accuracy(linear, XOR, params) <= 0.75);
        assertEquals(Math.log(2), meanLoss(linear, XOR, params), 1e-6, "stuck at the uninformative optimum");
    }

    @Test
    void withoutHiddenLayersItIsSoftmaxRegression() {
        int numFeatures = 7;
        int numClasses = 4;
        OutputLoss loss = new SoftmaxCrossEntropy(numClasses);
        MlpModel network = new MlpModel(new MlpLayout(numFeatures, numClasses), List.of(), loss);
        LinearModel softmax = new LinearModel(new LinearLayout(numFeatures, numClasses, true), loss);
        assertSameModel(network, softmax, loss, numFeatures, numClasses);
    }

    @Test
    void withoutHiddenLayersAndSquaredLossItIsLinearRegression() {
        int numFeatures = 5;
        OutputLoss loss = new SquaredLoss();
        MlpModel network = new MlpModel(new MlpLayout(numFeatures, 1), List.of(), loss);
        LinearModel linear = new LinearModel(new LinearLayout(numFeatures, 1, true), loss);
        assertSameModel(network, linear, loss, numFeatures, 1);
    }

    /**
     * Same rows, same parameters (the network's W is the linear model's transposed): the same
     * loss, the same gradient entry for entry, the same predictions, on dense and sparse
     * blocks and across chunk boundaries.
     */
    private static void assertSameModel(MlpModel network, LinearModel linear, OutputLoss loss, int numFeatures,
                                        int numOutputs) {
        MlpLayout mlp = network.layout();
        LinearLayout lin = linear.layout();
        assertEquals(lin.numParams(), mlp.numParams());
        double[] linearParams = new double[lin.numParams()];
        Random random = new Random(9);
        for (int j = 0; j < linearParams.length; j++) {
            linearParams[j] = random.nextGaussian();
        }
        int[] toNetwork = new int[lin.numParams()];
        for (int k = 0; k < numOutputs; k++) {
            for (int j = 0; j < numFeatures; j++) {
                toNetwork[lin.weightIndex(k, j)] = mlp.weightIndex(0, j, k);
            }
            toNetwork[lin.interceptIndex(k)] = mlp.biasOffset(0) + k;
        }
        double[] networkParams = new double[mlp.numParams()];
        for (int j = 0; j < linearParams.length; j++) {
            networkParams[toNetwork[j]] = linearParams[j];
            assertEquals(lin.isPenalized(j), mlp.isPenalized(toNetwork[j]), "same entries penalized");
        }
        TestRows rows = TestRows.random(4, 300, numFeatures, 0.6, loss, false);
        for (DataBlock block : List.of(rows.toDense(numFeatures), rows.toSparse(numFeatures))) {
            double[] linearSums = kernelSums(linear, block, null, linearParams);
            double[] networkSums = kernelSums(network, block, null, networkParams);
            SumsLayout sums = new SumsLayout(linearParams.length);
            assertClose(linearSums[sums.lossIndex()], networkSums[sums.lossIndex()], "loss sum " + block);
            assertEquals(linearSums[sums.weightIndex()], networkSums[sums.weightIndex()], "weight sum " + block);
            assertEquals(linearSums[sums.countIndex()], networkSums[sums.countIndex()], "row count " + block);
            for (int j = 0; j < linearParams.length; j++) {
                assertClose(linearSums[j], networkSums[toNetwork[j]], "gradient entry " + j + " " + block);
            }
            int perRow = loss.numPredictionOutputs();
            double[] linearPredictions = new double[block.numRows() * perRow];
            double[] networkPredictions = new double[block.numRows() * perRow];
            linear.predict(block, linearParams, linearPredictions);
            network.predict(block, networkParams, networkPredictions);
            for (int i = 0; i < linearPredictions.length; i++) {
                assertClose(linearPredictions[i], networkPredictions[i], "prediction " + i + " " + block);
            }
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }

    /** Full-batch gradient descent on the mean loss, the driver's loop in miniature. */
    private static double[] train(Model model, double[] start, double learningRate, int iterations) {
        double[] params = start.clone();
        SumsLayout layout = new SumsLayout(params.length);
        Sgd sgd = new Sgd();
        OptimizerState state = sgd.initialState(params.length);
        double[] gradient = new double[params.length];
        for (int t = 0; t < iterations; t++) {
            double[] sums = kernelSums(model, XOR, null, params);
            for (int j = 0; j < params.length; j++) {
                gradient[j] = sums[j] / sums[layout.weightIndex()];
            }
            sgd.update(params, gradient, learningRate, state, model.layout());
        }
        return params;
    }

    private static double meanLoss(Model model, DataBlock block, double[] params) {
        double[] sums = kernelSums(model, block, null, params);
        SumsLayout layout = new SumsLayout(params.length);
        return sums[layout.lossIndex()] / sums[layout.weightIndex()];
    }

    /** Share of rows whose most probable class (first on ties) is the label. */
    private static double accuracy(Model model, DataBlock block, double[] params) {
        int numClasses = model.outputLoss().numPredictionOutputs();
        double[] probabilities = new double[block.numRows() * numClasses];
        model.predict(block, params, probabilities);
        int right = 0;
        for (int i = 0; i < block.numRows(); i++) {
            int best = 0;
            for (int k = 1; k < numClasses; k++) {
                if (probabilities[i * numClasses + k] > probabilities[i * numClasses + best]) {
                    best = k;
                }
            }
            if (best == block.labels()[i]) {
                right++;
            }
        }
        return (double) right / block.numRows();
    }
}
