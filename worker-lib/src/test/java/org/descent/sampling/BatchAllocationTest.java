package org.descent.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BatchAllocationTest {

    @Test
    void countsSumToTheBatchAndNeverExceedAPartition() {
        SplittableRandom rng = new SplittableRandom(3);
        long[] partitionRows = {0, 17, 1, 250, 0, 64, 3};
        int totalRows = 335;
        for (int batchSize = 0; batchSize <= totalRows; batchSize += 6) {
            int[] counts = BatchAllocation.perPartition(partitionRows, batchSize, rng);
            assertEquals(partitionRows.length, counts.length);
            int sum = 0;
            for (int p = 0; p < counts.length; p++) {
                assertTrue(counts[p] >= 0 && counts[p] <= partitionRows[p],
                        "partition " + p + " of " + partitionRows[p] + " rows given " + counts[p]);
                sum += counts[p];
            }
            assertEquals(batchSize, sum);
        }
    }

    @Test
    void batchOfOnePicksAPartitionInProportionToItsRows() {
        long[] partitionRows = {100, 300, 600};
        int draws = 20_000;
        long[] picked = new long[3];
        SplittableRandom rng = new SplittableRandom(2718);
        for (int d = 0; d < draws; d++) {
            int[] counts = BatchAllocation.perPartition(partitionRows, 1, rng);
            for (int p = 0; p < 3; p++) {
                picked[p] += counts[p];
            }
        }
        assertEquals(0.10, picked[0] / (double) draws, 0.015);
        assertEquals(0.30, picked[1] / (double) draws, 0.015);
        assertEquals(0.60, picked[2] / (double) draws, 0.015);
        double[] expected = {0.1 * draws, 0.3 * draws, 0.6 * draws};
        double chiSquare = ChiSquare.statistic(picked, expected, expected);
        assertTrue(chiSquare < ChiSquare.upperQuantile(2, ChiSquare.Z), "chi-square " + chiSquare);
    }

    @Test
    void meanCountIsTheBatchShareOfAPartitionsRows() {
        long[] partitionRows = {1000, 3000, 6000};
        int batchSize = 100;
        int draws = 5_000;
        long[] total = new long[3];
        SplittableRandom rng = new SplittableRandom(1);
        for (int d = 0; d < draws; d++) {
            int[] counts = BatchAllocation.perPartition(partitionRows, batchSize, rng);
            for (int p = 0; p < 3; p++) {
                total[p] += counts[p];
            }
        }
        // Per draw the sd is at most sqrt(100 * 0.25) = 5; of the mean of 5,000 draws about 0.07.
        assertEquals(10.0, total[0] / (double) draws, 0.35);
        assertEquals(30.0, total[1] / (double) draws, 0.35);
        assertEquals(60.0, total[2] / (double) draws, 0.35);
    }

    @Test
    void varianceIsThatOfDrawingWithoutReplacement() {
        // Hypergeometric: Var = b (K/N)(1 - K/N)(N - b)/(N - 1); with replacement it would lack the
        // last factor. Two partitions of 50: b = 20 gives 4.04 (not 5), b = 60 gives 6.06 (not 15).
        // The second case draws the 40 rows left out. Over 20,000 draws the sample variance is within 5%.
        assertVariance(20, 20.0 * 0.25 * 80 / 99);
        assertVariance(60, 60.0 * 0.25 * 40 / 99);
    }

    @Test
    void wholeDataBatchTakesEveryRow() {
        long[] partitionRows = {5, 0, 12, 3};
        assertArrayEquals(new int[] {5, 0, 12, 3}, BatchAllocation.perPartition(partitionRows, 20, new SplittableRandom(1)));
        assertArrayEquals(new int[] {0, 0, 0, 0}, BatchAllocation.perPartition(partitionRows, 0, new SplittableRandom(1)));
        assertArrayEquals(new int[0], BatchAllocation.perPartition(new long[0], 0, new SplittableRandom(1)));
    }

    @Test
    void sameSeedGivesSameAllocation() {
        long[] partitionRows = {1000, 2000, 3000, 4000};
        assertArrayEquals(BatchAllocation.perPartition(partitionRows, 777, new SplittableRandom(9)),
                BatchAllocation.perPartition(partitionRows, 777, new SplittableRandom(9)));
    }

    @Test
    void partitionsMayHoldMoreRowsThanAnInt() {
        long[] partitionRows = {3_000_000_000L, 1_000_000_000L, 0, 2_000_000_000L};
        int[] counts = BatchAllocation.perPartition(partitionRows, 6_000, new SplittableRandom(4));
        assertEquals(6_000, counts[0] + counts[1] + counts[2] + counts[3]);
        assertEquals(0, counts[2]);
        // Expected 3,000 / 1,000 / 2,000, each sd below 40.
        assertEquals(3_000, counts[0], 200);
        assertEquals(1_000, counts[1], 200);
        assertEquals(2_000, counts[3], 200);
    }

    @Test
    void batchLargerThanTheDataIsRejectedWithBothSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchAllocation.perPartition(new long[] {2, 3}, 6, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("batchSize 6") && e.getMessage().contains("5 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BatchAllocation.perPartition(new long[] {2, -3}, 1, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class,
                () -> BatchAllocation.perPartition(new long[] {2, 3}, -1, new SplittableRandom(1)));
    }

    private static void assertVariance(int batchSize, double expectedVariance) {
        long[] partitionRows = {50, 50};
        int draws = 20_000;
        double sum = 0;
        double sumOfSquares = 0;
        SplittableRandom rng = new SplittableRandom(batchSize);
        for (int d = 0; d < draws; d++) {
            int first = BatchAllocation.perPartition(partitionRows, batchSize, rng)[0];
            sum += first;
            sumOfSquares += (double) first * first;
        }
        double mean = sum / draws;
        double variance = (sumOfSquares - draws * mean * mean) / (draws - 1);
        assertEquals(batchSize / 2.0, mean, 0.1, "mean for batch " + batchSize);
        assertEquals(expectedVariance, variance, 0.05 * expectedVariance, "variance for batch " + batchSize);
    }
}
