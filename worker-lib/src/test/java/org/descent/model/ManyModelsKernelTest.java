package org.descent.model;

import org.descent.data.DataBlock;
import org.descent.data.DenseBlock;
import org.descent.data.DenseFloatBlock;
import org.descent.loss.LogisticLoss;
import org.descent.loss.OutputLoss;
import org.descent.loss.SoftmaxCrossEntropy;
import org.descent.loss.SquaredLoss;
import org.descent.sums.SumsLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.descent.model.KernelContract.kernelSums;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Model#accumulateMany}: several parameter vectors of one model against a block read
 * once, each member's sums at its own offset of one array, each exactly (bit for bit) what
 * {@link Model#accumulate} gives that member alone, and each a true gradient.
 */
class ManyModelsKernelTest {

    private static final int NUM_FEATURES = 7;
    private static final int NUM_CLASSES = 3;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 500;
        for (OutputLoss loss : List.of(new SquaredLoss(), new LogisticLoss(), new SoftmaxCrossEntropy(NUM_CLASSES))) {
            for (String storage : List.of("dense", "float", "sparse")) {
                for (boolean intercept : new boolean[] {false, true}) {
                    for (int numRows : new int[] {1, 6, 45}) {
                        for (int members : new int[] {1, 3, 8}) {
                            cases.add(Arguments.of(loss, storage, intercept, numRows, members, seed++));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} intercept={2} rows={3} members={4}")
    @MethodSource("cases")
    void eachMemberGetsTheBitsOfItsModelAlone(OutputLoss loss, String storage, boolean intercept, int numRows,
                                             int members, long seed) {
        LinearModel model = new LinearModel(new LinearLayout(NUM_FEATURES, loss.numOutputs(), intercept), loss);
        DataBlock block = block(storage, TestRows.random(seed, numRows, NUM_FEATURES, 0.6, loss, false));
        double[][] params = memberParams(model, members, seed);
        int[] everyOther = numRows > 2 ? new int[] {0, 2, numRows - 1} : null;
        for (int[] rows : Arrays.asList(null, everyOther)) {
            double[] shared = groupedSums(model, block, rows, params);
            int size = new SumsLayout(model.layout().numParams()).size();
            for (int m = 0; m < members; m++) {
                double[] alone = kernelSums(model, block, rows, params[m]);
                assertArrayEquals(alone, Arrays.copyOfRange(shared, m * size, (m + 1) * size), 0.0, "member " + m);
            }
            assertTrue(shared[size - 1] >= 1, "rows were counted");
        }
    }

    @Test
    void eachMembersGradientMatchesFiniteDifferencesOfItsLoss() {
        OutputLoss loss = new SoftmaxCrossEntropy(NUM_CLASSES);
        LinearModel model = new LinearModel(new LinearLayout(NUM_FEATURES, NUM_CLASSES, true), loss);
        DataBlock block = TestRows.random(3, 30, NUM_FEATURES, 0.7, loss, false).toDense(NUM_FEATURES);
        double[][] params = memberParams(model, 3, 3);
        SumsLayout sums = new SumsLayout(model.layout().numParams());
        for (int m = 0; m < params.length; m++) {
            final int member = m;
            double[] grouped = groupedSums(model, block, null, params);
            double[] gradient = new double[sums.numParams()];
            for (int j = 0; j < gradient.length; j++) {
                gradient[j] = grouped[m * sums.size() + j] / grouped[m * sums.size() + sums.weightIndex()];
            }
            GradientCheck.Result result = GradientCheck.DEFAULT.check(theta -> {
                double[][] varied = params.clone();
                varied[member] = theta;
                double[] s = groupedSums(model, block, null, varied);
                return s[member * sums.size() + sums.lossIndex()] / s[member * sums.size() + sums.weightIndex()];
            }, params[m], gradient);
            assertTrue(result.worstRelativeError() < 1e-6, "member " + m + ": " + result);
        }
    }

    /** A network has no kernel of its own for members: they run one after another, with the same bits. */
    @Test
    void aNetworksMembersRunOneAfterAnotherWithTheirOwnBits() {
        OutputLoss loss = new SoftmaxCrossEntropy(NUM_CLASSES);
        MlpModel model = new MlpModel(new MlpLayout(NUM_FEATURES, 5, NUM_CLASSES), List.of(Activation.TANH), loss);
        DataBlock block = TestRows.random(9, 40, NUM_FEATURES, 0.8, loss, false).toDense(NUM_FEATURES);
        double[][] params = {model.initialParameters(1), model.initialParameters(2), model.initialParameters(3)};
        double[] shared = groupedSums(model, block, null, params);
        int size = new SumsLayout(model.layout().numParams()).size();
        for (int m = 0; m < params.length; m++) {
            assertArrayEquals(kernelSums(model, block, null, params[m]),
                    Arrays.copyOfRange(shared, m * size, (m + 1) * size), 0.0);
        }
    }

    @Test
    void membersAndOffsetsMustPair() {
        LinearModel model = new LinearModel(new LinearLayout(NUM_FEATURES, 1, true), new LogisticLoss());
        DataBlock block = TestRows.random(1, 4, NUM_FEATURES, 1, new LogisticLoss(), true).toDense(NUM_FEATURES);
        double[][] params = memberParams(model, 2, 1);
        int size = new SumsLayout(model.layout().numParams()).size();
        assertThrows(IllegalArgumentException.class,
                () -> model.accumulateMany(block, null, params, new double[2 * size], new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> model.accumulateMany(block, null, params, new double[2 * size], new int[] {0, size + 1}));
    }

    /** Members side by side, member m at offset m · size. */
    private static double[] groupedSums(Model model, DataBlock block, int[] rows, double[][] params) {
        int size = new SumsLayout(model.layout().numParams()).size();
        int[] offsets = new int[params.length];
        for (int m = 0; m < offsets.length; m++) {
            offsets[m] = m * size;
        }
        double[] sums = new double[params.length * size];
        model.accumulateMany(block, rows, params, sums, offsets);
        return sums;
    }

    private static double[][] memberParams(Model model, int members, long seed) {
        Random random = new Random(seed);
        double[][] params = new double[members][model.layout().numParams()];
        for (double[] p : params) {
            for (int j = 0; j < p.length; j++) {
                p[j] = random.nextGaussian() * 0.5;
            }
        }
        return params;
    }

    private static DataBlock block(String storage, TestRows rows) {
        DenseBlock dense = rows.toDense(NUM_FEATURES);
        return switch (storage) {
            case "sparse" -> rows.toSparse(NUM_FEATURES);
            case "float" -> {
                float[] floats = new float[dense.values().length];
                for (int i = 0; i < floats.length; i++) {
                    floats[i] = (float) dense.values()[i];
                }
                yield new DenseFloatBlock(dense.numRows(), NUM_FEATURES, floats, dense.labels(), dense.weights());
            }
            default -> dense;
        };
    }
}
