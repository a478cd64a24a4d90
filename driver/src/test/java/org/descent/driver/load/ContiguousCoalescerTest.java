package org.descent.driver.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Runs of consecutive partitions, cut at equal shares of the weight. */
class ContiguousCoalescerTest {

    @Test
    void equalWeightsAreCutIntoEqualRuns() {
        assertArrayEquals(new int[]{0, 16}, ContiguousCoalescer.starts(new long[32], 2));
        long[] ones = new long[32];
        java.util.Arrays.fill(ones, 1);
        assertArrayEquals(new int[]{0, 16}, ContiguousCoalescer.starts(ones, 2));
        assertArrayEquals(new int[]{0, 8, 16, 24}, ContiguousCoalescer.starts(ones, 4));
    }

    @Test
    void cutsFollowTheWeightNotTheCount() {
        // 10 + 10 | 5 + 5 + 5 + 5: the second share (20 of 40) starts at the third partition.
        assertArrayEquals(new int[]{0, 2}, ContiguousCoalescer.starts(new long[]{10, 10, 5, 5, 5, 5}, 2));
        // One heavy partition: it stands alone, the rest share the second run.
        assertArrayEquals(new int[]{0, 1}, ContiguousCoalescer.starts(new long[]{100, 1, 1, 1}, 2));
    }

    @Test
    void everyRunHasAPartitionEvenWhenTheWeightIsAtTheEnd() {
        assertArrayEquals(new int[]{0, 2, 3}, ContiguousCoalescer.starts(new long[]{0, 0, 0, 90}, 3));
        assertArrayEquals(new int[]{0, 1, 2, 3}, ContiguousCoalescer.starts(new long[]{0, 0, 0, 90}, 8));
    }

    @Test
    void onePartitionOrOneGroupIsOneRun() {
        assertArrayEquals(new int[]{0}, ContiguousCoalescer.starts(new long[]{5}, 4));
        assertArrayEquals(new int[]{0}, ContiguousCoalescer.starts(new long[]{5, 6, 7}, 1));
    }
}
