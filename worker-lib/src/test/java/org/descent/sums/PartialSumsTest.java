package org.descent.sums;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compact form of a partition's sums: chosen when smaller, and merging is unchanged by it. */
class PartialSumsTest {

    private static double[] withNonZeros(int size, int nonZeros, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] sums = new double[size];
        for (int k = 0; k < nonZeros; k++) {
            sums[rng.nextInt(size)] = rng.nextDouble() - 0.5;
        }
        return sums;
    }

    @Test
    void compactOnlyWhenItTakesLessThanHalfTheBytes() {
        // 12 bytes an entry against 8 a slot: compact below size / 3 non-zeros.
        double[] few = new double[300];
        for (int i = 0; i < 99; i++) {
            few[3 * i] = 1.0;
        }
        assertTrue(PartialSums.of(few).isCompact(), "99 of 300");
        few[1] = 2.0;
        assertFalse(PartialSums.of(few).isCompact(), "100 of 300");
        double[] dense = withNonZeros(1000, 900, 1);
        assertSame(dense, PartialSums.of(dense).dense(), "a dense result is the array itself, not a copy");
    }

    @Test
    void theCompactFormStandsForTheSameArray() {
        double[] sums = withNonZeros(10_000, 50, 2);
        PartialSums compact = PartialSums.of(sums);
        assertTrue(compact.isCompact());
        assertArrayEquals(sums, compact.toDense(), 0.0);
    }

    @Test
    void mergingInAnyFormGivesTheBitsOfTheDenseMerge() {
        for (int[] nonZeros : new int[][] {{10, 20}, {10, 9000}, {9000, 10}, {9000, 9000}}) {
            double[] a = withNonZeros(10_000, nonZeros[0], 3);
            double[] b = withNonZeros(10_000, nonZeros[1], 4);
            double[] c = withNonZeros(10_000, 30, 5);
            double[] expected = SumsLayout.merge(SumsLayout.merge(a.clone(), b), c);
            PartialSums merged = PartialSums.merge(PartialSums.merge(PartialSums.of(a.clone()), PartialSums.of(b)),
                    PartialSums.of(c));
            assertArrayEquals(expected, merged.toDense(), 0.0, nonZeros[0] + " and " + nonZeros[1] + " non-zeros");
        }
    }

    @Test
    void negativeZerosAreListedAndMergeToTheBitsOfTheDenseMerge() {
        // Sums start at +0.0 and only ever have terms added, so a merged sum never holds −0.0
        // (x + y is −0.0 only when both are); adding −0.0 to any other value changes nothing.
        double[] into = new double[400];
        into[3] = 2.0;
        double[] from = new double[400];
        from[0] = -0.0;
        from[3] = 1.5;
        PartialSums compact = PartialSums.of(from.clone());
        assertTrue(compact.isCompact());
        assertArrayEquals(new int[] {0, 3}, compact.indices());
        double[] expected = SumsLayout.merge(into.clone(), from);
        double[] actual = PartialSums.merge(new PartialSums(400, into.clone(), null, null), compact).toDense();
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Double.doubleToRawLongBits(expected[i]) == Double.doubleToRawLongBits(actual[i]),
                    "entry " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void refusesMixedFormsAndMismatchedSizes() {
        assertThrows(IllegalArgumentException.class, () -> new PartialSums(3, new double[3], new int[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new PartialSums(3, null, new int[1], new double[2]));
        assertThrows(IllegalArgumentException.class, () -> new PartialSums(4, new double[3], null, null));
        assertThrows(IllegalArgumentException.class,
                () -> PartialSums.merge(PartialSums.of(new double[3]), PartialSums.of(new double[4])));
    }
}
