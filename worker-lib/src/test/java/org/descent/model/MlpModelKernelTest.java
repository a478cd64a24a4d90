package org.descent.model;

import org.descent.sums.SumsLayout;
import org.descent.data.DataBlock;
import org.descent.data.DenseBlock;
import org.descent.data.DenseFloatBlock;
import org.descent.loss.OutputLoss;
import org.descent.loss.SoftmaxCrossEntropy;
import org.descent.loss.SquaredLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.descent.model.KernelContract.kernelSums;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chunked matrix-matrix kernels of {@link MlpModel} against the textbook per-row network
 * ({@link MlpReference}), for every activation, both losses, each input path (dense block, CSR
 * block densified into the chunk, CSR block read directly) and block sizes on both sides of a
 * chunk boundary; and the algebra of the sums (subsets, zero weights, offsets, merging).
 */
class MlpModelKernelTest {

    private static final int NUM_FEATURES = 6;
    private static final int NUM_CLASSES = 4;
    /** Row by row and chunk by chunk add the same terms in different orders: agreement to rounding. */
    private static final double TOLERANCE = 1e-12;

    /**
     * How a test block is stored, and so which first-layer path the kernel takes. The direct
     * CSR path needs a density below {@link MlpModel#SPARSE_INPUT_MAX_DENSITY} even in a
     * one-row block, hence its wider rows (about 2.4 non-zeros in 60).
     */
    enum Input {
        DENSE(NUM_FEATURES, 0.6), SPARSE_DENSIFIED(NUM_FEATURES, 0.6), SPARSE_DIRECT(60, 0.04);

        final int numFeatures;
        final double density;

        Input(int numFeatures, double density) {
            this.numFeatures = numFeatures;
            this.density = density;
        }

        TestRows rows(long seed, int numRows, OutputLoss loss) {
            return TestRows.random(seed, numRows, numFeatures, density, loss, false);
        }

        DataBlock block(TestRows rows) {
            return this == DENSE ? rows.toDense(numFeatures) : rows.toSparse(numFeatures);
        }
    }

    static Stream<Arguments> kernelCases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 300;
        for (OutputLoss loss : List.of(new SoftmaxCrossEntropy(NUM_CLASSES), new SquaredLoss())) {
            for (Activation activation : Activation.values()) {
                for (Input input : Input.values()) {
                    for (int numRows : new int[] {1, 5, MlpModel.CHUNK_ROWS, MlpModel.CHUNK_ROWS + 1, 300}) {
                        cases.add(Arguments.of(loss, activation, input, numRows, seed++));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} rows={3}")
    @MethodSource("kernelCases")
    void kernelEqualsThePerRowReference(OutputLoss loss, Activation activation, Input input, int numRows, long seed) {
        MlpModel model = network(input.numFeatures, loss, activation, Activation.TANH);
        TestRows rows = input.rows(seed, numRows, loss);
        DataBlock block = input.block(rows);
        assertEquals(input == Input.SPARSE_DIRECT, model.takesSparsePath(block), "the case exercises its path");
        double[] params = model.initialParameters(seed);
        randomizeBiases(model.layout(), params, seed);

        double[] expected = new MlpReference(model).sums(rows, params);
        assertSumsClose(expected, kernelSums(model, block, null, params));
        assertTrue(expected[new SumsLayout(params.length).countIndex()] >= 1, "at least one row counted");
    }

    @ParameterizedTest(name = "{0} {1} {2} rows={3}")
    @MethodSource("kernelCases")
    void predictionsEqualThePerRowReference(OutputLoss loss, Activation activation, Input input, int numRows,
                                            long seed) {
        MlpModel model = network(input.numFeatures, loss, activation, Activation.SIGMOID);
        TestRows rows = input.rows(seed, numRows, loss);
        double[] params = model.initialParameters(seed);
        randomizeBiases(model.layout(), params, seed);

        int perRow = loss.numPredictionOutputs();
        double[] actual = new double[numRows * perRow];
        model.predict(input.block(rows), params, actual);
        MlpReference reference = new MlpReference(model);
        double[] expected = new double[perRow];
        for (int i = 0; i < numRows; i++) {
            double[][] a = reference.forward(rows.x()[i], params);
            loss.predict(a[a.length - 1], expected);
            for (int c = 0; c < perRow; c++) {
                assertEquals(expected[c], actual[i * perRow + c], TOLERANCE * Math.max(1, Math.abs(expected[c])),
                        "row " + i + " output " + c);
            }
        }
    }

    @Test
    void aSubsetOfRowsGivesTheSumsOfABlockOfJustThoseRows() {
        OutputLoss loss = new SoftmaxCrossEntropy(NUM_CLASSES);
        int[] subset = IntStream.range(0, 400).filter(i -> i % 3 != 1 && i != 8).toArray();
        for (Input input : Input.values()) {
            MlpModel model = network(input.numFeatures, loss, Activation.RELU, Activation.TANH);
            TestRows rows = input.rows(7, 400, loss);
            double[] params = model.initialParameters(7);
            DataBlock whole = input.block(rows);
            assertSumsClose(kernelSums(model, input.block(rows.select(subset)), null, params),
                    kernelSums(model, whole, subset, params));
            assertArrayEquals(new double[new SumsLayout(params.length).size()],
                    kernelSums(model, whole, new int[0], params), 0.0, "an empty subset adds nothing");
            assertArrayEquals(kernelSums(model, whole, null, params),
                    kernelSums(model, whole, IntStream.range(0, 400).toArray(), params), 0.0, "null means every row");
        }
    }

    @Test
    void zeroWeightRowsAreSkippedAndNotCounted() {
        OutputLoss loss = new SoftmaxCrossEntropy(NUM_CLASSES);
        int[] zeroed = IntStream.range(0, 200).filter(i -> i % 7 == 3).toArray();
        int[] kept = IntStream.range(0, 200).filter(i -> i % 7 != 3).toArray();
        for (Input input : Input.values()) {
            MlpModel model = network(input.numFeatures, loss, Activation.SIGMOID, Activation.RELU);
            TestRows rows = input.rows(3, 200, loss).withUnitWeights();
            double[] params = model.initialParameters(3);
            TestRows poisoned = rows.select(IntStream.range(0, 200).toArray());
            for (int i : zeroed) {
                poisoned.weights()[i] = 0.0;
                // Had the row been used, 0 · NaN would turn every sum into NaN.
                poisoned.x()[i][0] = Double.NaN;
            }
            double[] sums = kernelSums(model, input.block(poisoned), null, params);
            // Zero-weight rows are dropped before chunking, so the chunks, and the sums, are identical.
            assertArrayEquals(kernelSums(model, input.block(rows.select(kept)), null, params), sums, 0.0);
            assertEquals(kept.length, sums[new SumsLayout(params.length).countIndex()]);
        }
    }

    @Test
    void accumulateAddsIntoItsSliceAtTheOffsetAndNowhereElse() {
        OutputLoss loss = new SquaredLoss();
        for (Input input : Input.values()) {
            MlpModel model = network(input.numFeatures, loss, Activation.TANH, Activation.TANH);
            double[] params = model.initialParameters(5);
            DataBlock block = input.block(input.rows(5, 150, loss));
            KernelContract.assertAccumulatesOnlyIntoItsSlice(model, block, params, TOLERANCE);
        }
    }

    @Test
    void sumsOfTwoBlocksMergeToTheSumsOfTheirConcatenation() {
        OutputLoss loss = new SoftmaxCrossEntropy(NUM_CLASSES);
        MlpModel model = network(loss, Activation.RELU, Activation.SIGMOID);
        TestRows rows = TestRows.random(17, 300, NUM_FEATURES, 0.6, loss, false);
        double[] params = model.initialParameters(17);
        double[] first = kernelSums(model, rows.slice(0, 110).toDense(NUM_FEATURES), null, params);
        double[] second = kernelSums(model, rows.slice(110, 300).toSparse(NUM_FEATURES), null, params);
        assertSumsClose(kernelSums(model, rows.toDense(NUM_FEATURES), null, params), SumsLayout.merge(first, second));
    }

    @Test
    void aThreadServingNetworksOfDifferentShapesGetsTheSameSumsEachTime() {
        // The per-thread workspace is shared by every network a thread runs; alternating shapes
        // (wider, narrower, deeper) must not leave one network reading another's leftovers.
        OutputLoss loss = new SoftmaxCrossEntropy(NUM_CLASSES);
        List<MlpModel> models = List.of(
                network(loss, Activation.RELU, Activation.RELU),
                new MlpModel(new MlpLayout(NUM_FEATURES, 40, NUM_CLASSES), List.of(Activation.TANH), loss),
                new MlpModel(new MlpLayout(NUM_FEATURES, 3, 9, 2, NUM_CLASSES),
                        List.of(Activation.SIGMOID, Activation.RELU, Activation.TANH), loss),
                new MlpModel(new MlpLayout(NUM_FEATURES, NUM_CLASSES), List.of(), loss));
        TestRows rows = TestRows.random(11, 260, NUM_FEATURES, 0.5, loss, false);
        DataBlock block = rows.toDense(NUM_FEATURES);
        List<double[]> firstRound = new ArrayList<>();
        for (MlpModel model : models) {
            firstRound.add(kernelSums(model, block, null, model.initialParameters(11)));
        }
        for (int i = models.size() - 1; i >= 0; i--) {
            MlpModel model = models.get(i);
            assertArrayEquals(firstRound.get(i), kernelSums(model, block, null, model.initialParameters(11)), 0.0,
                    model.layout().toString());
            assertSumsClose(new MlpReference(model).sums(rows, model.initialParameters(11)), firstRound.get(i));
        }
    }

    /** Float storage: the network sees the float values widened exactly, sums and predictions alike. */
    @Test
    void aFloatBlockGivesTheBitsOfTheDoubleBlockOfItsWidenedValues() {
        OutputLoss loss = new SoftmaxCrossEntropy(NUM_CLASSES);
        MlpModel model = network(loss, Activation.TANH, Activation.RELU);
        DenseBlock exact = TestRows.random(17, 70, NUM_FEATURES, 0.8, loss, false).toDense(NUM_FEATURES);
        float[] floats = new float[exact.values().length];
        double[] widened = new double[floats.length];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) exact.values()[i];
            widened[i] = floats[i];
        }
        DataBlock single = new DenseFloatBlock(exact.numRows(), NUM_FEATURES, floats, exact.labels(),
                exact.weights());
        DataBlock asDouble = new DenseBlock(exact.numRows(), NUM_FEATURES, widened, exact.labels(), exact.weights());
        double[] params = model.initialParameters(17);
        assertArrayEquals(kernelSums(model, asDouble, null, params), kernelSums(model, single, null, params), 0.0);
        double[] expected = new double[exact.numRows() * NUM_CLASSES];
        double[] actual = new double[expected.length];
        model.predict(asDouble, params, expected);
        model.predict(single, params, actual);
        assertArrayEquals(expected, actual, 0.0, "predictions");
    }

    @Test
    void aVeryWideLayerTakesChunksOfFewRowsAndGetsTheSameSums() {
        // 2^20 / 150,000 = 6 rows per chunk: ten rows make two chunks, of 6 and 4 rows.
        OutputLoss loss = new SoftmaxCrossEntropy(NUM_CLASSES);
        MlpModel model = new MlpModel(new MlpLayout(NUM_FEATURES, 150_000, NUM_CLASSES), List.of(Activation.TANH), loss);
        assertEquals(6, model.chunkRows(false));
        TestRows rows = TestRows.random(13, 10, NUM_FEATURES, 0.8, loss, false);
        double[] params = model.initialParameters(13);
        randomizeBiases(model.layout(), params, 13);
        assertSumsClose(new MlpReference(model).sums(rows, params), kernelSums(model, rows.toDense(NUM_FEATURES), null, params));
        assertEquals(MlpModel.CHUNK_ROWS, network(loss, Activation.RELU, Activation.RELU).chunkRows(false));
    }

    @Test
    void initializationIsSeededHeForReluGlorotOtherwiseWithZeroBiases() {
        OutputLoss loss = new SoftmaxCrossEntropy(10);
        MlpModel model = new MlpModel(new MlpLayout(400, 300, 200, 10), List.of(Activation.RELU, Activation.TANH), loss);
        MlpLayout layout = model.layout();
        double[] params = model.initialParameters(5);
        assertArrayEquals(params, model.initialParameters(5), 0.0, "same seed, same start");
        assertNotEquals(params[0], model.initialParameters(6)[0], "another seed, another start");
        for (int k = 0; k < layout.numLayers(); k++) {
            for (int p = layout.biasOffset(k); p < layout.biasOffset(k) + layout.width(k + 1); p++) {
                assertEquals(0.0, params[p], "bias " + p);
            }
        }
        // He: N(0, 2/400), variance 0.005. 120,000 draws: the sample variance is within 2 %.
        assertEquals(2.0 / 400, variance(params, layout.weightOffset(0), layout.biasOffset(0)), 0.02 * 2.0 / 400);
        // Glorot uniform on (−r, r), r = √(6 / (300 + 200)): variance r²/3 = 2 / 500.
        double glorot = 2.0 / (300 + 200);
        assertEquals(glorot, variance(params, layout.weightOffset(1), layout.biasOffset(1)), 0.02 * glorot);
        double limit = Math.sqrt(6.0 / 500);
        for (int p = layout.weightOffset(1); p < layout.biasOffset(1); p++) {
            assertTrue(Math.abs(params[p]) < limit, "Glorot weights lie inside (-r, r)");
        }
        // The output layer (no activation of its own) is Glorot too: 2 / (200 + 10).
        assertEquals(2.0 / 210, variance(params, layout.weightOffset(2), layout.biasOffset(2)), 0.1 * 2.0 / 210);
        // A linear model's start stays all zeros.
        LinearModel linear = new LinearModel(new LinearLayout(3, 10, true), loss);
        assertArrayEquals(new double[linear.layout().numParams()], linear.initialParameters(5), 0.0);
    }

    @Test
    void shapesAreValidated() {
        OutputLoss softmax = new SoftmaxCrossEntropy(3);
        IllegalArgumentException outputs = assertThrows(IllegalArgumentException.class,
                () -> new MlpModel(new MlpLayout(4, 5, 2), List.of(Activation.RELU), softmax));
        assertTrue(outputs.getMessage().contains("outputs"), outputs.getMessage());
        IllegalArgumentException activations = assertThrows(IllegalArgumentException.class,
                () -> new MlpModel(new MlpLayout(4, 5, 3), List.of(), softmax));
        assertTrue(activations.getMessage().contains("activations"), activations.getMessage());

        MlpModel model = new MlpModel(new MlpLayout(NUM_FEATURES, 5, 3), List.of(Activation.RELU), softmax);
        DataBlock narrow = TestRows.random(1, 3, NUM_FEATURES - 1, 1.0, softmax, true).toDense(NUM_FEATURES - 1);
        DataBlock block = TestRows.random(1, 3, NUM_FEATURES, 1.0, softmax, true).toDense(NUM_FEATURES);
        int numParams = model.layout().numParams();
        double[] sums = new double[numParams + 3];
        assertThrows(IllegalArgumentException.class,
                () -> model.accumulate(narrow, null, new double[numParams], sums, 0));
        assertThrows(IllegalArgumentException.class, () -> model.accumulate(block, null, new double[3], sums, 0));
        assertThrows(IllegalArgumentException.class, () -> model.predict(block, new double[numParams], new double[8]));
        assertFalse(model.takesSparsePath(block));
    }

    /** NUM_FEATURES → 5 → 4 → outputs, with the two hidden activations given. */
    static MlpModel network(OutputLoss loss, Activation first, Activation second) {
        return network(NUM_FEATURES, loss, first, second);
    }

    static MlpModel network(int numFeatures, OutputLoss loss, Activation first, Activation second) {
        return new MlpModel(new MlpLayout(numFeatures, 5, 4, loss.numOutputs()), List.of(first, second), loss);
    }

    /** Non-zero biases, so that a kernel that dropped them could not pass. */
    static void randomizeBiases(MlpLayout layout, double[] params, long seed) {
        Random random = new Random(seed + 77);
        for (int k = 0; k < layout.numLayers(); k++) {
            for (int j = 0; j < layout.width(k + 1); j++) {
                params[layout.biasOffset(k) + j] = random.nextGaussian() * 0.5;
            }
        }
    }

    private static double variance(double[] values, int from, int to) {
        double sum = 0;
        double squares = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
            squares += values[i] * values[i];
        }
        int n = to - from;
        double mean = sum / n;
        return squares / n - mean * mean;
    }

    /**
     * Entry by entry, {@code |a − e| ≤ 1e−12 · (max(|a|, |e|) + s)} with s the largest
     * magnitude in the array: sums of many terms of both signs can end far smaller than their
     * terms, and their rounding is relative to the terms, not to the sum.
     */
    static void assertSumsClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double largest = 0;
        for (double e : expected) {
            largest = Math.max(largest, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(Math.abs(expected[i]), Math.abs(actual[i])) + largest;
            assertTrue(Math.abs(expected[i] - actual[i]) <= TOLERANCE * scale,
                    "entry " + i + ": expected " + expected[i] + " but was " + actual[i]);
        }
    }
}
