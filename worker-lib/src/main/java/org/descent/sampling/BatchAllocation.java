package org.descent.sampling;

import java.util.SplittableRandom;

/**
 * Splits a global mini-batch among partitions: how many of {@code batchSize} rows drawn uniformly
 * without replacement from all rows of all partitions fall in each partition. Each partition then
 * draws that many of its own rows with {@link RowSampler#exactly}, and the union is a uniform
 * random batch of exactly {@code batchSize} rows.
 */
public final class BatchAllocation {

    private BatchAllocation() {
    }

    /**
     * One draw of the multivariate hypergeometric distribution: with N_p rows in partition p and
     * N = sum_p N_p, P(counts = k) = prod_p C(N_p, k_p) / C(N, batchSize).
     *
     * <p>Sampled as an urn, one row at a time: draw r uniform in [0, N'), where N' is the number
     * of rows not yet drawn, take the partition holding the r-th of them and remove one row from
     * it. The partitions' remaining counts live in a {@link FenwickTree}, so each draw costs
     * O(log P) and the whole allocation O(P + min(b, N - b) log P) time and O(P) memory,
     * independent of the number of rows: when more than half the rows are wanted, the rows left
     * out are drawn instead and subtracted from the partition sizes. With {@code batchSize} 1 this
     * picks one partition with probability N_p / N, which is how pure SGD picks its row.
     *
     * @param partitionRows the number of rows of each partition, each &ge; 0
     * @param batchSize in [0, sum of partitionRows]
     * @return for each partition, how many of its rows the batch takes; sums to {@code batchSize}
     */
    public static int[] perPartition(long[] partitionRows, int batchSize, SplittableRandom rng) {
        long totalRows = 0;
        for (int p = 0; p < partitionRows.length; p++) {
            if (partitionRows[p] < 0) {
                throw new IllegalArgumentException("partitionRows[" + p + "] must be >= 0, got " + partitionRows[p]);
            }
            totalRows = Math.addExact(totalRows, partitionRows[p]);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be >= 0, got " + batchSize);
        }
        if (batchSize > totalRows) {
            throw new IllegalArgumentException("batchSize " + batchSize + " exceeds the " + totalRows
                    + " rows in all " + partitionRows.length + " partitions; lower batchSize or use full-batch mode");
        }
        boolean drawLeftOut = batchSize > totalRows - batchSize;
        long[] drawn = drawFromUrn(partitionRows, drawLeftOut ? totalRows - batchSize : batchSize, rng);
        int[] counts = new int[partitionRows.length];
        for (int p = 0; p < counts.length; p++) {
            // Both forms are at most batchSize, an int.
            counts[p] = (int) (drawLeftOut ? partitionRows[p] - drawn[p] : drawn[p]);
        }
        return counts;
    }

    /** How many of {@code draws} rows drawn without replacement come from each partition. */
    private static long[] drawFromUrn(long[] partitionRows, long draws, SplittableRandom rng) {
        long[] drawn = new long[partitionRows.length];
        if (draws == 0) {
            return drawn;
        }
        FenwickTree remaining = new FenwickTree(partitionRows);
        for (long d = 0; d < draws; d++) {
            int p = remaining.indexOfRank(rng.nextLong(remaining.total()));
            remaining.add(p, -1);
            drawn[p]++;
        }
        return drawn;
    }
}
