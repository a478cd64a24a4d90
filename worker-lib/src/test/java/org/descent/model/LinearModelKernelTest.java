package org.descent.model;

import org.descent.sums.SumsLayout;
import org.descent.data.DataBlock;
import org.descent.data.DenseBlock;
import org.descent.data.DenseFloatBlock;
import org.descent.data.SparseBlock;
import org.descent.loss.LogisticLoss;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The block kernels against a plain per-row loop, and the algebra of the sums: subsets, block
 * types, offsets and merging give what the definition in {@link LinearModel} says.
 */
class LinearModelKernelTest {

    private static final int NUM_FEATURES = 6;
    private static final double TOLERANCE = 1e-12;
    private static final List<OutputLoss> LOSSES =
            List.of(new SquaredLoss(), new LogisticLoss(), new SoftmaxCrossEntropy(4));

    static Stream<Arguments> kernelCases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 100;
        for (OutputLoss loss : LOSSES) {
            for (boolean sparse : new boolean[] {false, true}) {
                for (boolean intercept : new boolean[] {false, true}) {
                    for (int numRows : new int[] {1, 2, 5, 33}) {
                        cases.add(Arguments.of(loss, sparse, intercept, numRows, seed++));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} sparse={1} intercept={2} rows={3}")
    @MethodSource("kernelCases")
    void kernelEqualsThePerRowReferenceLoop(OutputLoss loss, boolean sparse, boolean intercept, int numRows,
                                            long seed) {
        LinearModel model = new LinearModel(new LinearLayout(NUM_FEATURES, loss.numOutputs(), intercept), loss);
        TestRows rows = TestRows.random(seed, numRows, NUM_FEATURES, 0.5, loss, false);
        DataBlock block = sparse ? rows.toSparse(NUM_FEATURES) : rows.toDense(NUM_FEATURES);
        double[] params = randomParams(model, seed);

        double[] expected = referenceSums(model, block, null, params);
        assertSumsClose(expected, kernelSums(model, block, null, params));
        // And the reference is not trivially zero.
        assertTrue(expected[model.layout().numParams() + 2] >= 1, "at least one row counted");
    }

    @ParameterizedTest(name = "{0} sparse={1} intercept={2} rows={3}")
    @MethodSource("kernelCases")
    void predictionsEqualThePerRowReference(OutputLoss loss, boolean sparse, boolean intercept, int numRows,
                                            long seed) {
        LinearModel model = new LinearModel(new LinearLayout(NUM_FEATURES, loss.numOutputs(), intercept), loss);
        TestRows rows = TestRows.random(seed, numRows, NUM_FEATURES, 0.5, loss, false);
        DataBlock block = sparse ? rows.toSparse(NUM_FEATURES) : rows.toDense(NUM_FEATURES);
        double[] params = randomParams(model, seed);

        int perRow = loss.numPredictionOutputs();
        double[] actual = new double[numRows * perRow];
        model.predict(block, params, actual);
        double[] x = new double[NUM_FEATURES];
        double[] z = new double[loss.numOutputs()];
        double[] expected = new double[perRow];
        for (int i = 0; i < numRows; i++) {
            block.copyRowInto(i, x);
            referenceMargins(model.layout(), params, x, z);
            loss.predict(z, expected);
            for (int c = 0; c < perRow; c++) {
                assertEquals(expected[c], actual[i * perRow + c], TOLERANCE * Math.abs(expected[c]),
                        "row " + i + " output " + c);
            }
        }
    }

    /** Rows wide enough for the vector path's main loops (8 lanes), with a ragged tail. */
    @ParameterizedTest(name = "{0} features")
    @org.junit.jupiter.params.provider.ValueSource(ints = {8, 19, 100})
    void wideRowsEqualThePerRowReferenceLoop(int numFeatures) {
        long seed = 300 + numFeatures;
        for (OutputLoss loss : LOSSES) {
            for (boolean intercept : new boolean[] {false, true}) {
                LinearModel model = new LinearModel(new LinearLayout(numFeatures, loss.numOutputs(), intercept), loss);
                TestRows rows = TestRows.random(seed++, 17, numFeatures, 1.0, loss, true);
                double[] params = randomParams(model, seed);
                DataBlock block = rows.toDense(numFeatures);
                // The kernel sums a margin in eight partial sums, the reference left to right: on
                // 100 terms the two orders differ by more than the narrow rows' 1e-12.
                assertSumsClose(referenceSums(model, block, null, params), kernelSums(model, block, null, params), 1e-10);
                int[] subset = {0, 3, 4, 16};
                assertSumsClose(referenceSums(model, block, subset, params), kernelSums(model, block, subset, params),
                        1e-10);
            }
        }
    }

    /**
     * Float storage: a block of floats gives exactly the sums of a double block holding the same
     * (float-rounded) values, since each value is widened exactly and all arithmetic is double.
     */
    @ParameterizedTest(name = "{0} features")
    @org.junit.jupiter.params.provider.ValueSource(ints = {6, 19, 100})
    void floatBlocksGiveTheSumsOfTheirValuesWidenedToDouble(int numFeatures) {
        long seed = 400 + numFeatures;
        for (OutputLoss loss : LOSSES) {
            LinearModel model = new LinearModel(new LinearLayout(numFeatures, loss.numOutputs(), true), loss);
            DenseBlock exact = TestRows.random(seed++, 23, numFeatures, 0.8, loss, true).toDense(numFeatures);
            float[] floats = new float[exact.values().length];
            double[] widened = new double[floats.length];
            for (int i = 0; i < floats.length; i++) {
                floats[i] = (float) exact.values()[i];
                widened[i] = floats[i];
            }
            DenseFloatBlock single = new DenseFloatBlock(exact.numRows(), numFeatures, floats, exact.labels(), exact.weights());
            DenseBlock asDouble = new DenseBlock(exact.numRows(), numFeatures, widened, exact.labels(), exact.weights());
            double[] params = randomParams(model, seed);
            assertArrayEquals(kernelSums(model, asDouble, null, params), kernelSums(model, single, null, params), 0.0,
                    loss.name());
            int[] subset = {1, 2, 22};
            assertArrayEquals(kernelSums(model, asDouble, subset, params), kernelSums(model, single, subset, params), 0.0,
                    loss.name() + " subset");
            double[] expectedPredictions = new double[exact.numRows() * loss.numPredictionOutputs()];
            double[] actualPredictions = expectedPredictions.clone();
            model.predict(asDouble, params, expectedPredictions);
            model.predict(single, params, actualPredictions);
            assertArrayEquals(expectedPredictions, actualPredictions, 0.0, loss.name() + " predictions");
            // And rounding the data to float (relative error 6e-8 a value) moves the sums only slightly.
            double[] exactSums = kernelSums(model, exact, null, params);
            double largest = Arrays.stream(exactSums).map(Math::abs).max().orElse(0);
            assertArrayEquals(exactSums, kernelSums(model, single, null, params), 1e-5 * largest, loss.name() + " vs exact");
        }
    }

    /**
     * The dense kernels take rows four at a time (four dot products, then one fused axpy); every
     * sum still receives its terms in row order, so the result is bit for bit that of adding the
     * rows one by one, wherever the zero-weight rows and the leftover rows fall.
     */
    @Test
    void rowsTakenFourAtATimeGiveTheBitsOfOneRowAtATime() {
        long seed = 900;
        for (OutputLoss loss : LOSSES) {
            for (boolean intercept : new boolean[] {false, true}) {
                for (int numRows : new int[] {1, 3, 4, 5, 8, 11, 37}) {
                    for (int numFeatures : new int[] {6, 19}) {
                        LinearModel model = new LinearModel(new LinearLayout(numFeatures, loss.numOutputs(), intercept), loss);
                        TestRows rows = TestRows.random(seed++, numRows, numFeatures, 0.8, loss, true);
                        for (int i = 2; i < numRows; i += 5) {
                            rows.weights()[i] = 0.0;
                        }
                        double[] params = randomParams(model, seed);
                        DenseBlock doubles = rows.toDense(numFeatures);
                        for (DataBlock block : new DataBlock[] {doubles, toFloat(doubles)}) {
                            double[] oneByOne = new double[new SumsLayout(params.length).size()];
                            for (int i = 0; i < numRows; i++) {
                                model.accumulate(block, new int[] {i}, params, oneByOne, 0);
                            }
                            String what = loss.name() + " intercept=" + intercept + " rows=" + numRows + " features="
                                    + numFeatures + " " + block.getClass().getSimpleName();
                            assertArrayEquals(oneByOne, kernelSums(model, block, null, params), 0.0, what);
                            int[] sampled = IntStream.range(0, numRows).filter(i -> i % 4 != 1).toArray();
                            double[] sampledOneByOne = new double[oneByOne.length];
                            for (int i : sampled) {
                                model.accumulate(block, new int[] {i}, params, sampledOneByOne, 0);
                            }
                            assertArrayEquals(sampledOneByOne, kernelSums(model, block, sampled, params), 0.0, what + " sampled");
                        }
                    }
                }
            }
        }
    }

    private static DenseFloatBlock toFloat(DenseBlock block) {
        float[] floats = new float[block.values().length];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) block.values()[i];
        }
        return new DenseFloatBlock(block.numRows(), block.numFeatures(), floats, block.labels(), block.weights());
    }

    @Test
    void aRowWithoutNonZerosGetsOnlyTheIntercept() {
        LinearModel model = new LinearModel(new LinearLayout(3, 1, true), new SquaredLoss());
        double[] params = {0.5, -2.0, 4.0, 1.25};
        SparseBlock empty = new SparseBlock(1, 3, new int[] {0, 0}, new int[0], new double[0],
                new double[] {3.0}, new double[] {2.0});
        DenseBlock zeros = new DenseBlock(1, 3, new double[3], new double[] {3.0}, new double[] {2.0});
        for (DataBlock block : new DataBlock[] {empty, zeros}) {
            double[] sums = kernelSums(model, block, null, params);
            // z = b = 1.25, residual −1.75, w = 2: loss sum 2·½·1.75², intercept gradient 2·(−1.75).
            assertArrayEquals(new double[] {0, 0, 0, -3.5, 3.0625, 2.0, 1.0}, sums, 0.0, block.toString());
        }
    }

    @Test
    void aSubsetOfRowsGivesTheSumsOfABlockOfJustThoseRows() {
        for (OutputLoss loss : LOSSES) {
            for (boolean sparse : new boolean[] {false, true}) {
                LinearModel model = new LinearModel(new LinearLayout(NUM_FEATURES, loss.numOutputs(), true), loss);
                TestRows rows = TestRows.random(7, 40, NUM_FEATURES, 0.5, loss, false);
                double[] params = randomParams(model, 7);
                int[] subset = IntStream.range(0, 40).filter(i -> i % 3 != 1 && i != 8).toArray();
                DataBlock whole = sparse ? rows.toSparse(NUM_FEATURES) : rows.toDense(NUM_FEATURES);
                TestRows selected = rows.select(subset);
                DataBlock part = sparse ? selected.toSparse(NUM_FEATURES) : selected.toDense(NUM_FEATURES);

                assertSumsClose(kernelSums(model, part, null, params), kernelSums(model, whole, subset, params));
                assertArrayEquals(new double[new SumsLayout(params.length).size()],
                        kernelSums(model, whole, new int[0], params), 0.0, "an empty subset adds nothing");
                int[] all = IntStream.range(0, 40).toArray();
                assertArrayEquals(kernelSums(model, whole, null, params), kernelSums(model, whole, all, params), 0.0,
                        "null means every row");
            }
        }
    }

    @Test
    void denseAndSparseBlocksOfTheSameDataGiveTheSameSums() {
        long seed = 21;
        for (OutputLoss loss : LOSSES) {
            for (boolean intercept : new boolean[] {false, true}) {
                for (double density : new double[] {0.1, 0.5, 1.0}) {
                    LinearModel model =
                            new LinearModel(new LinearLayout(NUM_FEATURES, loss.numOutputs(), intercept), loss);
                    TestRows rows = TestRows.random(seed++, 25, NUM_FEATURES, density, loss, false);
                    double[] params = randomParams(model, seed);
                    assertSumsClose(kernelSums(model, rows.toDense(NUM_FEATURES), null, params),
                            kernelSums(model, rows.toSparse(NUM_FEATURES), null, params));
                }
            }
        }
    }

    @Test
    void zeroWeightRowsAreSkippedAndNotCounted() {
        for (OutputLoss loss : LOSSES) {
            for (boolean sparse : new boolean[] {false, true}) {
                LinearModel model = new LinearModel(new LinearLayout(NUM_FEATURES, loss.numOutputs(), true), loss);
                TestRows rows = TestRows.random(3, 12, NUM_FEATURES, 0.7, loss, true);
                double[] params = randomParams(model, 3);
                int[] kept = {0, 1, 2, 4, 5, 7, 8, 10, 11};
                TestRows poisoned = rows.select(IntStream.range(0, 12).toArray());
                for (int i : new int[] {3, 6, 9}) {
                    poisoned.weights()[i] = 0.0;
                    // Had the row been used, 0 · NaN would turn every sum into NaN.
                    Arrays.fill(poisoned.x()[i], Double.NaN);
                }
                DataBlock withZeros = sparse ? poisoned.toSparse(NUM_FEATURES) : poisoned.toDense(NUM_FEATURES);
                TestRows clean = rows.select(kept);
                DataBlock without = sparse ? clean.toSparse(NUM_FEATURES) : clean.toDense(NUM_FEATURES);

                double[] sums = kernelSums(model, withZeros, null, params);
                assertArrayEquals(kernelSums(model, without, null, params), sums, 0.0);
                assertEquals(kept.length, sums[new SumsLayout(params.length).countIndex()]);
            }
        }
    }

    @Test
    void accumulateAddsIntoItsSliceAtTheOffsetAndNowhereElse() {
        for (OutputLoss loss : LOSSES) {
            for (boolean sparse : new boolean[] {false, true}) {
                LinearModel model = new LinearModel(new LinearLayout(NUM_FEATURES, loss.numOutputs(), true), loss);
                TestRows rows = TestRows.random(5, 9, NUM_FEATURES, 0.5, loss, false);
                DataBlock block = sparse ? rows.toSparse(NUM_FEATURES) : rows.toDense(NUM_FEATURES);
                double[] params = randomParams(model, 5);
                KernelContract.assertAccumulatesOnlyIntoItsSlice(model, block, params, TOLERANCE);
            }
        }
    }

    @Test
    void sumsOfTwoBlocksMergeToTheSumsOfTheirConcatenation() {
        for (OutputLoss loss : LOSSES) {
            LinearModel model = new LinearModel(new LinearLayout(NUM_FEATURES, loss.numOutputs(), true), loss);
            TestRows rows = TestRows.random(17, 30, NUM_FEATURES, 0.6, loss, false);
            double[] params = randomParams(model, 17);
            double[] first = kernelSums(model, rows.slice(0, 11).toDense(NUM_FEATURES), null, params);
            double[] second = kernelSums(model, rows.slice(11, 30).toSparse(NUM_FEATURES), null, params);
            assertSumsClose(kernelSums(model, rows.toDense(NUM_FEATURES), null, params),
                    SumsLayout.merge(first, second));
        }
    }

    @Test
    void shapesAreValidated() {
        LinearLayout oneOutput = new LinearLayout(NUM_FEATURES, 1, true);
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> new LinearModel(oneOutput, new SoftmaxCrossEntropy(3)));
        assertTrue(mismatch.getMessage().contains("numOutputs"), mismatch.getMessage());

        LinearModel model = new LinearModel(oneOutput, new SquaredLoss());
        DataBlock narrow = TestRows.random(1, 3, NUM_FEATURES - 1, 1.0, new SquaredLoss(), true)
                .toDense(NUM_FEATURES - 1);
        DataBlock block = TestRows.random(1, 3, NUM_FEATURES, 1.0, new SquaredLoss(), true).toDense(NUM_FEATURES);
        double[] sums = new double[NUM_FEATURES + 4];
        assertThrows(IllegalArgumentException.class,
                () -> model.accumulate(narrow, null, new double[NUM_FEATURES + 1], sums, 0));
        assertThrows(IllegalArgumentException.class, () -> model.accumulate(block, null, new double[3], sums, 0));
        assertThrows(IllegalArgumentException.class,
                () -> model.predict(block, new double[NUM_FEATURES + 1], new double[2]));
    }

    /**
     * The definition, one row at a time over a dense copy of the row: z = W x + b; add
     * w·l, w·dz_k·x_j, w·dz_k, w and 1; skip rows of weight 0.
     */
    static double[] referenceSums(LinearModel model, DataBlock block, int[] rows, double[] params) {
        LinearLayout layout = model.layout();
        OutputLoss loss = model.loss();
        SumsLayout sumsLayout = new SumsLayout(layout.numParams());
        double[] sums = new double[sumsLayout.size()];
        double[] x = new double[layout.numFeatures()];
        double[] z = new double[layout.numOutputs()];
        double[] dz = new double[layout.numOutputs()];
        int[] selected = rows != null ? rows : IntStream.range(0, block.numRows()).toArray();
        for (int i : selected) {
            double w = block.weights()[i];
            if (w == 0) {
                continue;
            }
            block.copyRowInto(i, x);
            referenceMargins(layout, params, x, z);
            double l = loss.lossAndDerivative(z, block.labels()[i], dz);
            for (int k = 0; k < layout.numOutputs(); k++) {
                for (int j = 0; j < layout.numFeatures(); j++) {
                    sums[layout.weightIndex(k, j)] += w * dz[k] * x[j];
                }
                if (layout.fitIntercept()) {
                    sums[layout.interceptIndex(k)] += w * dz[k];
                }
            }
            sums[sumsLayout.lossIndex()] += w * l;
            sums[sumsLayout.weightIndex()] += w;
            sums[sumsLayout.countIndex()] += 1;
        }
        return sums;
    }

    static void referenceMargins(LinearLayout layout, double[] params, double[] x, double[] z) {
        for (int k = 0; k < layout.numOutputs(); k++) {
            double margin = 0;
            for (int j = 0; j < layout.numFeatures(); j++) {
                margin += params[layout.weightIndex(k, j)] * x[j];
            }
            z[k] = layout.fitIntercept() ? margin + params[layout.interceptIndex(k)] : margin;
        }
    }

    static double[] randomParams(LinearModel model, long seed) {
        Random random = new Random(seed * 31 + 7);
        double[] params = new double[model.layout().numParams()];
        for (int j = 0; j < params.length; j++) {
            params[j] = random.nextGaussian();
        }
        return params;
    }

    /** Entry by entry, |a − e| ≤ 1e−12 · max(|a|, |e|). */
    static void assertSumsClose(double[] expected, double[] actual) {
        assertSumsClose(expected, actual, TOLERANCE);
    }

    /** Entry by entry, |a − e| ≤ tolerance · max(|a|, |e|). */
    static void assertSumsClose(double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            double scale = Math.max(Math.abs(expected[i]), Math.abs(actual[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance * scale,
                    "entry " + i + ": expected " + expected[i] + " but was " + actual[i]);
        }
    }
}
