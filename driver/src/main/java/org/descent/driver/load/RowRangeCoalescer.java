package org.descent.driver.load;

import org.apache.spark.Partition;
import org.apache.spark.rdd.PartitionCoalescer;
import org.apache.spark.rdd.PartitionGroup;
import org.apache.spark.rdd.RDD;
import scala.Option;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Regroups the rows of an RDD's partitions, taken in order as one sequence, into contiguous
 * ranges, each a partition of the coalesced RDD, without a shuffle: the order of the rows is
 * kept, partition 0 starts with the first row. Unlike {@link ContiguousCoalescer}, a range may
 * end inside a parent partition, so there can be more ranges than parents: a DataFrame read
 * as one partition can still be cached in as many as asked for. Each range reads every parent
 * it overlaps; of their rows, taken in order, it keeps {@link #take} after skipping
 * {@link #skip} (see {@link FrameLoader}'s widening step).
 *
 * <p>A parent split between two ranges is read by both tasks: the parents here are cached
 * parsed blocks, read once more from memory, not files.
 */
public final class RowRangeCoalescer implements PartitionCoalescer, Serializable {

    private final int[][] parents;
    private final long[] skip;
    private final long[] take;

    /**
     * @param parentRows rows of each parent partition, in order
     * @param bounds     the ranges' boundaries as row numbers: range g is rows
     *                   {@code bounds[g] .. bounds[g+1]-1}; from 0 to the total, ascending
     */
    RowRangeCoalescer(long[] parentRows, long[] bounds) {
        long total = Arrays.stream(parentRows).sum();
        if (bounds.length < 2 || bounds[0] != 0 || bounds[bounds.length - 1] != total) {
            throw new IllegalArgumentException("bounds must run from 0 to " + total + ": " + Arrays.toString(bounds));
        }
        int ranges = bounds.length - 1;
        parents = new int[ranges][];
        skip = new long[ranges];
        take = new long[ranges];
        for (int g = 0; g < ranges; g++) {
            if (bounds[g + 1] < bounds[g]) {
                throw new IllegalArgumentException("bounds must ascend: " + Arrays.toString(bounds));
            }
            take[g] = bounds[g + 1] - bounds[g];
            int first = -1;
            int last = -1;
            long start = 0;
            for (int p = 0; p < parentRows.length; p++) {
                long end = start + parentRows[p];
                if (parentRows[p] > 0 && start < bounds[g + 1] && end > bounds[g]) {
                    if (first < 0) {
                        first = p;
                        skip[g] = bounds[g] - start;
                    }
                    last = p;
                }
                start = end;
            }
            parents[g] = first < 0 ? new int[0] : rangeOf(first, last);
        }
    }

    /** {@code ranges} ranges of equal rows (to one row), as many as there are rows at most. */
    static RowRangeCoalescer equalRows(long[] parentRows, int ranges) {
        long total = Arrays.stream(parentRows).sum();
        int k = (int) Math.max(1, Math.min(ranges, total));
        long[] bounds = new long[k + 1];
        for (int g = 0; g <= k; g++) {
            bounds[g] = Math.floorDiv(total * g, k);
        }
        return new RowRangeCoalescer(parentRows, bounds);
    }

    /** Ranges of whole parents: range g starts with parent {@code starts[g]}. */
    static RowRangeCoalescer wholeParents(long[] parentRows, int[] starts) {
        long[] bounds = new long[starts.length + 1];
        long before = 0;
        int g = 0;
        for (int p = 0; p < parentRows.length; p++) {
            while (g < starts.length && starts[g] == p) {
                bounds[g++] = before;
            }
            before += parentRows[p];
        }
        while (g <= starts.length) {
            bounds[g++] = before;
        }
        return new RowRangeCoalescer(parentRows, bounds);
    }

    /**
     * About how many stored values each range holds, so that its block can be built in arrays
     * of that size rather than grown by doubling (each doubling of a block-sized array is a
     * copy and, on a large heap, a humongous allocation that starts a marking cycle): each
     * parent's {@code parentEntries} shared among the ranges in proportion to the rows each
     * takes of it, rounded up; exact for ranges of whole parents.
     *
     * @param parentRows    rows of each parent partition, as given to the constructor
     * @param parentEntries stored values of each parent partition
     */
    long[] expectedEntries(long[] parentRows, long[] parentEntries) {
        long[] out = new long[take.length];
        for (int g = 0; g < take.length; g++) {
            long toSkip = skip[g];
            long toTake = take[g];
            for (int p : parents[g]) {
                long rows = Math.min(Math.max(parentRows[p] - toSkip, 0), toTake);
                toSkip = Math.max(toSkip - parentRows[p], 0);
                toTake -= rows;
                if (rows > 0) {
                    // a block holds below 2^31 values and rows: the product fits in a long; rounded up
                    out[g] -= Math.floorDiv(-parentEntries[p] * rows, parentRows[p]);
                }
            }
        }
        return out;
    }

    private static int[] rangeOf(int first, int last) {
        int[] out = new int[last - first + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i;
        }
        return out;
    }

    public int numRanges() {
        return take.length;
    }

    /** Rows of its first parent that range g does not keep (they belong to the range before). */
    public long[] skip() {
        return skip.clone();
    }

    /** Rows range g keeps. */
    public long[] take() {
        return take.clone();
    }

    /** The parent partitions range g reads, in order. */
    int[] parentsOf(int range) {
        return parents[range].clone();
    }

    @Override
    public PartitionGroup[] coalesce(int maxPartitions, RDD<?> parent) {
        Partition[] all = parent.partitions();
        PartitionGroup[] groups = new PartitionGroup[parents.length];
        for (int g = 0; g < parents.length; g++) {
            groups[g] = new PartitionGroup(Option.empty());
            for (int p : parents[g]) {
                groups[g].partitions().addOne(all[p]);
            }
        }
        return groups;
    }
}
