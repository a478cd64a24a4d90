package org.descent.driver.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The stored values a range of rows is expected to hold, which sizes its block's arrays: exact
 * for ranges of whole parents, each parent's values shared in proportion to the rows taken of
 * it (rounded up) for ranges cut inside parents.
 */
class RowRangeCoalescerTest {

    private static final long[] ROWS = {100, 0, 300, 50};
    private static final long[] ENTRIES = {1000, 0, 900, 5};

    @Test
    void rangesOfWholeParentsExpectExactlyTheirParentsValues() {
        RowRangeCoalescer ranges = RowRangeCoalescer.wholeParents(ROWS, new int[] {0, 2});
        assertArrayEquals(new long[] {1000, 905}, ranges.expectedEntries(ROWS, ENTRIES));
        RowRangeCoalescer each = RowRangeCoalescer.wholeParents(ROWS, new int[] {0, 1, 2, 3});
        assertArrayEquals(new long[] {1000, 0, 900, 5}, each.expectedEntries(ROWS, ENTRIES));
    }

    @Test
    void rangesCutInsideParentsShareTheirValuesByRows() {
        // 450 rows in 3 ranges of 150: rows 0-149 (100 of parent 0, 50 of parent 2),
        // 150-299 (150 of parent 2), 300-449 (100 of parent 2, 50 of parent 3)
        RowRangeCoalescer ranges = RowRangeCoalescer.equalRows(ROWS, 3);
        assertArrayEquals(new long[] {1000 + 150, 450, 300 + 5}, ranges.expectedEntries(ROWS, ENTRIES));
        // 7 ranges: 450 * g / 7 gives bounds 0, 64, 128, 192, 257, 321, 385, 450
        long[] expected = RowRangeCoalescer.equalRows(ROWS, 7).expectedEntries(ROWS, ENTRIES);
        assertArrayEquals(new long[] {640, 360 + 84, 192, 195, 192, 192, 45 + 5}, expected,
                "1000 * 64/100, then 1000 * 36/100 + 900 * 28/300, ...; rounded up");
    }
}
