package org.descent.sums;

/**
 * The array a partition accumulates its sums into, reused by the next round on the same
 * executor thread when this round's sums left in compact form. A sampled batch of sparse rows
 * touches few of a large model's parameters: allocating and zeroing a fresh 8 MB array (1M
 * parameters) for every task cost more than the batch, and each one was a humongous object
 * for the garbage collector. Clearing only the entries the compact form lists keeps the
 * per-task cost proportional to the batch (plus one sequential scan to find them).
 *
 * <p>One spare array per thread, of the size last used: executor threads are pooled and live
 * as long as the executor. Sums that leave dense travel in the task result and are not reused.
 */
public final class ReusedSums {

    private static final ThreadLocal<double[]> SPARE = new ThreadLocal<>();

    private ReusedSums() {
    }

    /** An all-zero array of {@code size}: this thread's spare if it has one of that size, else a new one. */
    public static double[] take(int size) {
        double[] spare = SPARE.get();
        if (spare != null && spare.length == size) {
            // Off the shelf until handed back: a round that fails midway never returns it dirty.
            SPARE.remove();
            return spare;
        }
        return new double[size];
    }

    /**
     * {@code sums} as {@link PartialSums#of} gives them; when compact, {@code sums} is cleared
     * entry by entry and kept as this thread's spare, so it must not be used again by the caller.
     */
    public static PartialSums finish(double[] sums) {
        PartialSums result = PartialSums.of(sums);
        if (result.isCompact()) {
            for (int i : result.indices()) {
                sums[i] = 0.0;
            }
            SPARE.set(sums);
        }
        return result;
    }
}
