package org.descent.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses which rows of one partition go into a mini-batch. Every method returns the chosen row
 * indices sorted ascending and distinct, costs time proportional to the number of rows chosen
 * (never a scan over all rows), and is a deterministic function of the state of {@code rng}.
 */
public final class RowSampler {

    /**
     * Above this fraction of the rows, {@link #exactly} marks chosen rows in a bitmap of
     * {@code numRows} bits instead of a hash set: the bitmap is then smaller than the hash set
     * (one bit per row against at least 64 bits per chosen row) and reading it back in order
     * costs {@code numRows / 64} word reads, at most two per chosen row, with no sort.
     */
    static final int DENSE_SAMPLE_DIVISOR = 32;

    private RowSampler() {
    }

    /**
     * Includes each row independently with probability {@code fraction}: the semantics of Spark's
     * {@code RDD.sample(withReplacement = false, fraction)}, without its scan over every row.
     *
     * <p>The gaps between included rows are i.i.d. geometric, P(gap = k) = (1 - f)^k f for
     * k = 0, 1, ..., and are drawn by inversion: gap = floor(log(U) / log(1 - f)) with U uniform
     * in (0, 1], since P(gap &ge; k) = P(U &le; (1 - f)^k) = (1 - f)^k. The expected cost is
     * O(f &middot; numRows + 1). {@code log(1 - f)} is computed as {@code log1p(-f)} so that small
     * fractions keep their precision.
     *
     * <p>Sources: L. Devroye, Non-Uniform Random Variate Generation, Springer 1986, X.2 (geometric
     * by inversion); the same gap sampling is Spark's {@code org.apache.spark.util.random.GapSampling}.
     *
     * @param fraction in (0, 1]; 1 returns every row
     */
    public static int[] bernoulli(int numRows, double fraction, SplittableRandom rng) {
        requireNonNegativeRows(numRows);
        if (!(fraction > 0.0 && fraction <= 1.0)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
        }
        if (fraction == 1.0) {
            return allRows(numRows);
        }
        double logOfExclusion = Math.log1p(-fraction);
        double expected = fraction * numRows;
        int[] rows = new int[(int) Math.min(numRows, expected + 4 * Math.sqrt(expected) + 16)];
        int size = 0;
        long last = -1;
        while (true) {
            // 1 - nextDouble() is uniform in (0, 1]: log never sees zero.
            double gap = Math.floor(Math.log(1.0 - rng.nextDouble()) / logOfExclusion);
            if (gap >= numRows - 1 - last) {
                break;
            }
            last += 1 + (long) gap;
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, (int) Math.min(numRows, 2L * rows.length));
            }
            rows[size++] = (int) last;
        }
        return size == rows.length ? rows : Arrays.copyOf(rows, size);
    }

    /**
     * A uniformly random subset of exactly {@code count} of the rows {@code 0 .. numRows - 1}: every
     * one of the C(numRows, count) subsets is equally likely.
     *
     * <p>Robert Floyd's algorithm: for j = numRows - count, ..., numRows - 1 draw t uniform in
     * [0, j]; add t, or j if t is already chosen. By induction each step leaves a uniform subset of
     * [0, j] of the current size. It makes exactly {@code count} draws and set operations. Small
     * samples keep the chosen rows in an {@link IntHashSet} and sort them, O(count log count);
     * samples of more than 1/{@value #DENSE_SAMPLE_DIVISOR} of the rows use a bitmap read back in
     * order, O(count + numRows / 64) = O(count).
     *
     * <p>Source: J. Bentley with R. Floyd, "Programming pearls: a sample of brilliance",
     * Communications of the ACM 30(9), 1987.
     *
     * @param count in [0, numRows]
     */
    public static int[] exactly(int numRows, int count, SplittableRandom rng) {
        requireNonNegativeRows(numRows);
        if (count < 0 || count > numRows) {
            throw new IllegalArgumentException("count must be in [0, numRows = " + numRows + "], got " + count);
        }
        if (count == numRows) {
            return allRows(numRows);
        }
        if ((long) count * DENSE_SAMPLE_DIVISOR > numRows) {
            return floydInBitmap(numRows, count, rng);
        }
        return floydInHashSet(numRows, count, rng);
    }

    private static int[] floydInHashSet(int numRows, int count, SplittableRandom rng) {
        IntHashSet chosen = new IntHashSet(count);
        for (int j = numRows - count; j < numRows; j++) {
            int candidate = rng.nextInt(j + 1);
            if (!chosen.add(candidate)) {
                chosen.add(j);
            }
        }
        int[] rows = chosen.toArray();
        Arrays.sort(rows);
        return rows;
    }

    private static int[] floydInBitmap(int numRows, int count, SplittableRandom rng) {
        long[] words = new long[(numRows + 63) >>> 6];
        for (int j = numRows - count; j < numRows; j++) {
            int candidate = rng.nextInt(j + 1);
            int row = isSet(words, candidate) ? j : candidate;
            words[row >>> 6] |= 1L << row;
        }
        int[] rows = new int[count];
        int size = 0;
        for (int w = 0; w < words.length; w++) {
            for (long bits = words[w]; bits != 0; bits &= bits - 1) {
                rows[size++] = (w << 6) + Long.numberOfTrailingZeros(bits);
            }
        }
        return rows;
    }

    private static boolean isSet(long[] words, int row) {
        // Java masks the shift distance to its low 6 bits: 1L << row == 1L << (row % 64).
        return (words[row >>> 6] & (1L << row)) != 0;
    }

    private static int[] allRows(int numRows) {
        int[] rows = new int[numRows];
        for (int i = 0; i < numRows; i++) {
            rows[i] = i;
        }
        return rows;
    }

    private static void requireNonNegativeRows(int numRows) {
        if (numRows < 0) {
            throw new IllegalArgumentException("numRows must be >= 0, got " + numRows);
        }
    }
}
