package org.descent.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RowSamplerTest {

    /** Far longer than sampling a few thousand rows takes, far shorter than touching 2^31 rows. */
    private static final Duration SUBLINEAR_TIME_LIMIT = Duration.ofSeconds(2);

    @Nested
    class Bernoulli {

        @Test
        void meanSampleSizeIsFractionTimesRows() {
            int numRows = 10_000;
            int draws = 200;
            for (double fraction : new double[] {0.001, 0.1, 0.5, 0.9}) {
                SplittableRandom rng = new SplittableRandom(11);
                long total = 0;
                for (int d = 0; d < draws; d++) {
                    total += RowSampler.bernoulli(numRows, fraction, rng).length;
                }
                // The total is Binomial(draws * numRows, fraction): allow 5 standard deviations.
                double expected = (double) draws * numRows * fraction;
                double sd = Math.sqrt(expected * (1 - fraction));
                assertEquals(expected, total, 5 * sd, "fraction " + fraction);
            }
        }

        @Test
        void rowsAreSortedDistinctAndInRange() {
            SplittableRandom rng = new SplittableRandom(5);
            for (int numRows : new int[] {1, 2, 7, 100, 12_345}) {
                for (double fraction : new double[] {1e-3, 0.01, 0.3, 0.99}) {
                    assertSortedDistinctInRange(RowSampler.bernoulli(numRows, fraction, rng), numRows);
                }
            }
        }

        @Test
        void fractionOneTakesEveryRow() {
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, RowSampler.bernoulli(5, 1.0, new SplittableRandom(1)));
        }

        @Test
        void noRowsGiveAnEmptySample() {
            assertEquals(0, RowSampler.bernoulli(0, 0.5, new SplittableRandom(1)).length);
        }

        @Test
        void sameSeedGivesSameRowsAndOtherSeedsOtherRows() {
            int[] first = RowSampler.bernoulli(10_000, 0.05, new SplittableRandom(99));
            assertArrayEquals(first, RowSampler.bernoulli(10_000, 0.05, new SplittableRandom(99)));
            assertFalse(Arrays.equals(first, RowSampler.bernoulli(10_000, 0.05, new SplittableRandom(100))));
        }

        @Test
        void everyRowIsIncludedWithTheSameProbability() {
            // Each row's inclusion count is Binomial(draws, f), independently: the sum of squared
            // standardized deviations is approximately chi-square with numRows degrees of freedom.
            int numRows = 40;
            int draws = 40_000;
            double fraction = 0.25;
            long[] included = new long[numRows];
            SplittableRandom rng = new SplittableRandom(2024);
            for (int d = 0; d < draws; d++) {
                for (int row : RowSampler.bernoulli(numRows, fraction, rng)) {
                    included[row]++;
                }
            }
            double[] expected = filled(numRows, draws * fraction);
            double[] variance = filled(numRows, draws * fraction * (1 - fraction));
            double chiSquare = ChiSquare.statistic(included, expected, variance);
            assertTrue(chiSquare < ChiSquare.upperQuantile(numRows, ChiSquare.Z),
                    "chi-square " + chiSquare + " for inclusion counts " + Arrays.toString(included));
        }

        @Test
        void costDependsOnTheSampleNotOnTheRows() {
            int[] rows = assertTimeoutPreemptively(SUBLINEAR_TIME_LIMIT,
                    () -> RowSampler.bernoulli(Integer.MAX_VALUE, 1e-6, new SplittableRandom(3)));
            // About 2,147 rows, sd about 46.
            assertEquals(Integer.MAX_VALUE * 1e-6, rows.length, 5 * Math.sqrt(Integer.MAX_VALUE * 1e-6));
            assertSortedDistinctInRange(rows, Integer.MAX_VALUE);
        }

        @Test
        void rejectsFractionsOutsideZeroToOne() {
            SplittableRandom rng = new SplittableRandom(1);
            for (double fraction : new double[] {0.0, -0.1, 1.0001, Double.NaN}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> RowSampler.bernoulli(10, fraction, rng));
                assertTrue(e.getMessage().contains("fraction"), e.getMessage());
            }
            assertThrows(IllegalArgumentException.class, () -> RowSampler.bernoulli(-1, 0.5, rng));
        }
    }

    @Nested
    class Exactly {

        @Test
        void returnsExactlyCountSortedDistinctRows() {
            SplittableRandom rng = new SplittableRandom(8);
            for (int numRows : new int[] {1, 10, 64, 1000, 100_000}) {
                for (int count : new int[] {0, 1, numRows / 100, numRows / RowSampler.DENSE_SAMPLE_DIVISOR,
                        numRows / RowSampler.DENSE_SAMPLE_DIVISOR + 1, numRows / 2, numRows - 1, numRows}) {
                    if (count < 0 || count > numRows) {
                        continue;
                    }
                    int[] rows = RowSampler.exactly(numRows, count, rng);
                    assertEquals(count, rows.length, numRows + " rows, count " + count);
                    assertSortedDistinctInRange(rows, numRows);
                }
            }
        }

        @Test
        void countZeroIsEmptyAndCountAllIsEveryRow() {
            SplittableRandom rng = new SplittableRandom(8);
            assertEquals(0, RowSampler.exactly(50, 0, rng).length);
            assertEquals(0, RowSampler.exactly(0, 0, rng).length);
            assertArrayEquals(new int[] {0, 1, 2, 3}, RowSampler.exactly(4, 4, rng));
        }

        @Test
        void sameSeedGivesSameRows() {
            assertArrayEquals(RowSampler.exactly(1_000_000, 500, new SplittableRandom(4)),
                    RowSampler.exactly(1_000_000, 500, new SplittableRandom(4)));
            assertArrayEquals(RowSampler.exactly(1000, 700, new SplittableRandom(4)),
                    RowSampler.exactly(1000, 700, new SplittableRandom(4)));
        }

        @Test
        void everySubsetIsEquallyLikelyWhenTheSampleIsSparse() {
            // 2 of 64 rows: few enough that chosen rows go in the hash set.
            assertTrue(2L * RowSampler.DENSE_SAMPLE_DIVISOR <= 64);
            assertSubsetsUniform(64, 2, 200_000);
        }

        @Test
        void everySubsetIsEquallyLikelyWhenTheSampleIsDense() {
            // 3 of 6 rows: the bitmap.
            assertTrue(3L * RowSampler.DENSE_SAMPLE_DIVISOR > 6);
            assertSubsetsUniform(6, 3, 40_000);
            assertSubsetsUniform(6, 5, 40_000);
        }

        @Test
        void everyRowIsIncludedWithTheSameProbability() {
            assertInclusionUniform(1000, 20, 20_000);   // hash set
            assertInclusionUniform(200, 150, 20_000);   // bitmap
        }

        @Test
        void costDependsOnTheSampleNotOnTheRows() {
            int[] rows = assertTimeoutPreemptively(SUBLINEAR_TIME_LIMIT,
                    () -> RowSampler.exactly(Integer.MAX_VALUE, 10_000, new SplittableRandom(3)));
            assertEquals(10_000, rows.length);
            assertSortedDistinctInRange(rows, Integer.MAX_VALUE);
        }

        @Test
        void rejectsCountsOutsideZeroToNumRows() {
            SplittableRandom rng = new SplittableRandom(1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RowSampler.exactly(10, 11, rng));
            assertTrue(e.getMessage().contains("count"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> RowSampler.exactly(10, -1, rng));
            assertThrows(IllegalArgumentException.class, () -> RowSampler.exactly(-1, 0, rng));
        }

        /** Counts each of the C(numRows, count) subsets over many draws; chi-square with cells - 1 degrees of freedom. */
        private void assertSubsetsUniform(int numRows, int count, int draws) {
            // A subset of at most 64 rows is a bit mask; index the masks that occur.
            java.util.Map<Long, Integer> cellOfMask = new java.util.HashMap<>();
            long[] observed = new long[(int) binomial(numRows, count)];
            SplittableRandom rng = new SplittableRandom(77);
            for (int d = 0; d < draws; d++) {
                long mask = 0;
                for (int row : RowSampler.exactly(numRows, count, rng)) {
                    mask |= 1L << row;
                }
                int cell = cellOfMask.computeIfAbsent(mask, m -> cellOfMask.size());
                observed[cell]++;
            }
            assertEquals(observed.length, cellOfMask.size(), "every subset occurs");
            double expected = (double) draws / observed.length;
            double chiSquare = ChiSquare.statistic(observed, filled(observed.length, expected), filled(observed.length, expected));
            assertTrue(chiSquare < ChiSquare.upperQuantile(observed.length - 1, ChiSquare.Z),
                    "chi-square " + chiSquare + " over " + observed.length + " subsets of " + count + " of " + numRows);
        }

        /**
         * Each inclusion count is Binomial(draws, count / numRows); their sum is fixed, so the
         * standardized sum of squares has mean exactly numRows and is close to chi-square with numRows d.o.f.
         */
        private void assertInclusionUniform(int numRows, int count, int draws) {
            long[] included = new long[numRows];
            SplittableRandom rng = new SplittableRandom(31);
            for (int d = 0; d < draws; d++) {
                for (int row : RowSampler.exactly(numRows, count, rng)) {
                    included[row]++;
                }
            }
            double p = (double) count / numRows;
            double chiSquare = ChiSquare.statistic(included, filled(numRows, draws * p), filled(numRows, draws * p * (1 - p)));
            assertTrue(chiSquare < ChiSquare.upperQuantile(numRows, ChiSquare.Z),
                    "chi-square " + chiSquare + " for " + count + " of " + numRows);
        }
    }

    static void assertSortedDistinctInRange(int[] rows, int numRows) {
        for (int i = 0; i < rows.length; i++) {
            assertTrue(rows[i] >= 0 && rows[i] < numRows, "row " + rows[i] + " outside [0, " + numRows + ")");
            if (i > 0) {
                assertTrue(rows[i - 1] < rows[i], "rows not strictly increasing at " + i);
            }
        }
    }

    private static double[] filled(int length, double value) {
        double[] values = new double[length];
        Arrays.fill(values, value);
        return values;
    }

    private static long binomial(int n, int k) {
        long c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }
}
