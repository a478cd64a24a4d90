package org.descent.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FenwickTreeTest {

    @Test
    void indexOfRankAgreesWithALinearScanAsCountsChange() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int size : new int[] {1, 2, 3, 7, 8, 9, 33}) {
            long[] counts = new long[size];
            for (int i = 0; i < size; i++) {
                counts[i] = rng.nextInt(4) == 0 ? 0 : rng.nextInt(20); // some empty entries
            }
            counts[size - 1] += 1; // at least one unit in total
            FenwickTree tree = new FenwickTree(counts);
            for (int step = 0; step < 200; step++) {
                long total = 0;
                for (long c : counts) {
                    total += c;
                }
                assertEquals(total, tree.total());
                if (total == 0) {
                    break;
                }
                for (long rank = 0; rank < total; rank++) {
                    assertEquals(linearIndexOfRank(counts, rank), tree.indexOfRank(rank), "size " + size + " rank " + rank);
                }
                int index = tree.indexOfRank(rng.nextLong(total));
                tree.add(index, -1);
                counts[index]--;
                int grown = rng.nextInt(size);
                if (rng.nextInt(3) == 0) {
                    tree.add(grown, 2);
                    counts[grown] += 2;
                }
            }
        }
    }

    @Test
    void holdsCountsBeyondTheIntRange() {
        FenwickTree tree = new FenwickTree(new long[] {3_000_000_000L, 0, 5_000_000_000L});
        assertEquals(8_000_000_000L, tree.total());
        assertEquals(0, tree.indexOfRank(2_999_999_999L));
        assertEquals(2, tree.indexOfRank(3_000_000_000L));
        assertEquals(2, tree.indexOfRank(7_999_999_999L));
    }

    @Test
    void rejectsRanksOutsideTheTotalAndNegativeCounts() {
        FenwickTree tree = new FenwickTree(new long[] {2, 3});
        assertThrows(IllegalArgumentException.class, () -> tree.indexOfRank(5));
        assertThrows(IllegalArgumentException.class, () -> tree.indexOfRank(-1));
        assertThrows(IllegalArgumentException.class, () -> new FenwickTree(new long[] {1, -1}));
    }

    private static int linearIndexOfRank(long[] counts, long rank) {
        long cumulative = 0;
        for (int i = 0; i < counts.length; i++) {
            cumulative += counts[i];
            if (cumulative > rank) {
                return i;
            }
        }
        throw new AssertionError("rank beyond total");
    }
}
