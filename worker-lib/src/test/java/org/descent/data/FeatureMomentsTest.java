package org.descent.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureMomentsTest {

    /** Rows of a block built by hand: dense, or CSR holding exactly the non-zero entries. */
    private static DataBlock block(double[][] x, double[] weights, boolean sparse) {
        BlockBuilder builder = new BlockBuilder();
        for (int i = 0; i < x.length; i++) {
            builder.startRow(0, weights[i]);
            for (int j = 0; j < x[i].length; j++) {
                if (x[i][j] != 0) {
                    builder.addFeature(j, x[i][j]);
                }
            }
            builder.endRow();
        }
        return builder.build(x[0].length, sparse ? BlockStorage.SPARSE : BlockStorage.DENSE);
    }

    /** The weighted mean and population variance straight from their definitions. */
    private static double[] meanAndVariance(double[][] x, double[] weights, int j) {
        double w = 0;
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            w += weights[i];
            sum += weights[i] * x[i][j];
        }
        double mean = sum / w;
        double squares = 0;
        for (int i = 0; i < x.length; i++) {
            squares += weights[i] * (x[i][j] - mean) * (x[i][j] - mean);
        }
        return new double[] {mean, squares / w};
    }

    @Test
    void aBlocksMomentsAreTheWeightedMeanAndPopulationVarianceDenseAndSparseAlike() {
        // Feature 0: values 1, 2, 4 with weights 1, 2, 1 (and a row of weight 0 at 100, ignored):
        // W = 4, mean = (1 + 4 + 4) / 4 = 2.25, variance = (1.5625 + 2·0.0625 + 3.0625) / 4 = 1.1875.
        double[][] x = {{1, 0, 3}, {2, 5, 3}, {4, 0, 3}, {100, 7, -9}};
        double[] weights = {1, 2, 1, 0};
        for (boolean sparse : new boolean[] {false, true}) {
            FeatureMoments m = FeatureMoments.of(block(x, weights, sparse));
            assertEquals(4, m.weightSum(), 0.0);
            assertEquals(2.25, m.mean(0), 1e-15);
            assertEquals(1.1875, m.variance(0), 1e-15);
            // Feature 1 is 5 on the weight-2 row and 0 (missing, when sparse) on the others:
            // mean 2.5, variance (2 · 2.5² + 2 · 2.5²) / 4 = 6.25.
            assertEquals(2.5, m.mean(1), 1e-15);
            assertEquals(6.25, m.variance(1), 1e-15);
            assertTrue(m.isConstant(2), "3 on every row of positive weight");
            assertEquals(0.0, m.variance(2), 0.0);
            assertEquals(sparse, m.sawSparseBlock());
        }
    }

    @Test
    void blocksMergeIntoTheMomentsOfAllTheirRows() {
        Random random = new Random(3);
        int rows = 90;
        double[][] x = new double[rows][4];
        double[] weights = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i][0] = 1e3 * random.nextGaussian();
            x[i][1] = 500 + random.nextGaussian();
            x[i][2] = random.nextDouble() < 0.3 ? random.nextGaussian() : 0;
            x[i][3] = 1e-3 * random.nextGaussian() - 7;
            weights[i] = random.nextInt(4) * 0.5;
        }
        FeatureMoments merged = FeatureMoments.empty(4);
        for (int from = 0; from < rows; from += 25) {
            int to = Math.min(rows, from + 25);
            double[][] part = java.util.Arrays.copyOfRange(x, from, to);
            merged = merged.merge(FeatureMoments.of(block(part, java.util.Arrays.copyOfRange(weights, from, to),
                    from == 25)));
        }
        assertTrue(merged.sawSparseBlock(), "one of the blocks was CSR");
        for (int j = 0; j < 4; j++) {
            double[] expected = meanAndVariance(x, weights, j);
            assertEquals(expected[0], merged.mean(j), 1e-12 * Math.max(1, Math.abs(expected[0])), "mean " + j);
            assertEquals(expected[1], merged.variance(j), 1e-12 * expected[1], "variance " + j);
        }
    }

    @Test
    void mergingWithNoRowsKeepsTheMomentsBitForBit() {
        FeatureMoments m = FeatureMoments.of(block(new double[][] {{0.1, 3}, {0.7, 5}, {0.3, 4}}, new double[] {1, 1, 1},
                false));
        assertEquals(m, m.merge(FeatureMoments.empty(2)));
        assertEquals(m, FeatureMoments.empty(2).merge(m));
        assertThrows(IllegalArgumentException.class, () -> m.merge(FeatureMoments.empty(3)));
    }

    @Test
    void aLargeOffsetDoesNotSwallowASmallSpread() {
        // 1e8 + about {0, 1e-3, 2e-3}: the naive Σx² − (Σx)²/n loses every digit of the
        // variance (x² near 1e16 carries no bits below 2); two passes keep it. The expected
        // value is that of the offsets as stored (x − 1e8 is exact), about (2/3) · 1e-6.
        double[][] x = {{1e8}, {1e8 + 1e-3}, {1e8 + 2e-3}};
        double[][] offsets = {{x[0][0] - 1e8}, {x[1][0] - 1e8}, {x[2][0] - 1e8}};
        double expected = meanAndVariance(offsets, new double[] {1, 1, 1}, 0)[1];
        FeatureMoments m = FeatureMoments.of(block(x, new double[] {1, 1, 1}, false));
        assertEquals(expected, m.variance(0), 1e-9 * expected);
    }

    @Test
    void aConstantFeatureHasVarianceExactlyZeroThoughRoundingWouldLeaveSome() {
        // Ten rows of 0.1 in blocks of 3, 3 and 4: the means of the parts and their merge
        // round, so Σ w (x − mean)² would come out a few ulps above 0 without the extremes.
        FeatureMoments m = FeatureMoments.empty(1);
        for (int n : new int[] {3, 3, 4}) {
            double[][] x = new double[n][];
            double[] weights = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = new double[] {0.1};
                weights[i] = 0.3 * (i + 1);
            }
            m = m.merge(FeatureMoments.of(block(x, weights, false)));
        }
        assertTrue(m.isConstant(0));
        assertEquals(0.0, m.standardDeviation(0), 0.0);
    }

    @Test
    void aSparseFeatureStoredOnEveryRowIsConstantButOneMissingSomewhereIsNot() {
        double[][] everywhere = {{2, 1}, {2, 0}, {2, 1}};
        FeatureMoments m = FeatureMoments.of(block(everywhere, new double[] {1, 1, 1}, true));
        assertTrue(m.isConstant(0));
        assertFalse(m.isConstant(1), "the missing entry is a 0");
        assertEquals(2.0 / 9, m.variance(1), 1e-15);
    }

    @Test
    void noRowsOfPositiveWeightMakeEveryFeatureConstantAtMeanZero() {
        FeatureMoments m = FeatureMoments.of(block(new double[][] {{4, 5}}, new double[] {0}, false));
        assertEquals(0, m.weightSum(), 0.0);
        assertTrue(m.isConstant(0) && m.isConstant(1));
        assertEquals(0.0, m.mean(0), 0.0);
    }
}
