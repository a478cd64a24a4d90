package org.descent.sums;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A partition's sums array is reused by the next round on the thread only when it left compact, and comes back all +0.0. */
class ReusedSumsTest {

    private static boolean allPositiveZeros(double[] a) {
        return Arrays.stream(a).allMatch(v -> Double.doubleToRawLongBits(v) == 0L);
    }

    @Test
    void compactSumsLeaveTheirArrayClearedForTheNextRound() {
        double[] sums = ReusedSums.take(1000);
        assertTrue(allPositiveZeros(sums));
        sums[3] = 2.5;
        sums[999] = -1.0;
        sums[500] = -0.0;
        PartialSums result = ReusedSums.finish(sums);
        assertTrue(result.isCompact());
        assertEquals(3, result.indices().length, "negative zeros are listed too");
        double[] next = ReusedSums.take(1000);
        assertSame(sums, next, "the spare is reused");
        assertTrue(allPositiveZeros(next), "and every entry is +0.0 again, the -0.0 included");
        assertNotSame(next, ReusedSums.take(1000), "taken means off the shelf");
    }

    @Test
    void denseSumsTravelInTheResultAndAreNotReused() {
        double[] sums = ReusedSums.take(10);
        Arrays.fill(sums, 1.0);
        PartialSums result = ReusedSums.finish(sums);
        assertSame(sums, result.dense());
        double[] next = ReusedSums.take(10);
        assertNotSame(sums, next);
        assertTrue(allPositiveZeros(next));
    }

    @Test
    void aSpareOfAnotherSizeIsNotHandedOut() {
        double[] sums = ReusedSums.take(100);
        sums[1] = 1.0;
        ReusedSums.finish(sums);
        double[] other = ReusedSums.take(101);
        assertEquals(101, other.length);
        assertTrue(allPositiveZeros(other));
    }
}
