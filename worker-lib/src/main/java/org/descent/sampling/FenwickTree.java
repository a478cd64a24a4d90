package org.descent.sampling;

/**
 * Non-negative {@code long} counts c_0 .. c_{n-1} in a Fenwick (binary indexed) tree: changing one
 * count and finding the index that holds the r-th unit of the total, i.e. the smallest i with
 * c_0 + ... + c_i &gt; r, both cost O(log n). {@link BatchAllocation} uses it as an urn whose
 * colours are partitions.
 *
 * <p>Source: P. M. Fenwick, "A new data structure for cumulative frequency tables",
 * Software: Practice and Experience 24(3), 1994.
 */
final class FenwickTree {

    /** tree[k] (1-based) holds c_{k - lowbit(k)} + ... + c_{k - 1}. */
    private final long[] tree;
    private long total;

    /** A tree over a copy of {@code counts}, built in O(n). */
    FenwickTree(long[] counts) {
        tree = new long[counts.length + 1];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("count " + i + " is negative: " + counts[i]);
            }
            total = Math.addExact(total, counts[i]);
            int k = i + 1;
            tree[k] += counts[i];
            int parent = k + (k & -k);
            if (parent < tree.length) {
                tree[parent] += tree[k];
            }
        }
    }

    long total() {
        return total;
    }

    /** Adds {@code delta} to c_index; the caller keeps every count non-negative. */
    void add(int index, long delta) {
        for (int k = index + 1; k < tree.length; k += k & -k) {
            tree[k] += delta;
        }
        total += delta;
    }

    /** The smallest i with c_0 + ... + c_i &gt; rank, for 0 &le; rank &lt; total. */
    int indexOfRank(long rank) {
        if (rank < 0 || rank >= total) {
            throw new IllegalArgumentException("rank must be in [0, " + total + "), got " + rank);
        }
        int position = 0;
        for (int step = Integer.highestOneBit(tree.length - 1); step > 0; step >>>= 1) {
            int next = position + step;
            if (next < tree.length && tree[next] <= rank) {
                position = next;
                rank -= tree[next];
            }
        }
        return position;
    }
}
