package org.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DataSummaryTest {

    /** A sparse block with one entry per row, at {@code columns[i]} (none if negative). */
    private static SparseBlock block(double[] labels, double[] weights, int[] columns, int numFeatures) {
        BlockBuilder builder = new BlockBuilder();
        for (int row = 0; row < labels.length; row++) {
            builder.startRow(labels[row], weights[row]);
            if (columns[row] >= 0) {
                builder.addFeature(columns[row], 1.0);
            }
            builder.endRow();
        }
        return (SparseBlock) builder.build(numFeatures, BlockStorage.SPARSE);
    }

    private static SparseBlock labelsOnly(double... labels) {
        double[] ones = new double[labels.length];
        Arrays.fill(ones, 1.0);
        int[] noColumns = new int[labels.length];
        Arrays.fill(noColumns, -1);
        return block(labels, ones, noColumns, 1);
    }

    @Test
    void summarizesASparseBlock() {
        SparseBlock block = block(new double[] {1, -1, 1, 0}, new double[] {1, 2, 0.5, 0},
                new int[] {3, 7, -1, 2}, 100);

        DataSummary summary = DataSummary.of(block);

        assertEquals(4, summary.rows());
        assertEquals(3.5, summary.weightSum());
        assertEquals(7, summary.maxColumnIndex());
        assertEquals(-1, summary.minLabel());
        assertEquals(1, summary.maxLabel());
        assertTrue(summary.allLabelsIntegral());
        assertArrayEquals(new double[] {-1, 0, 1}, summary.distinctLabels());
        assertFalse(summary.moreDistinctLabels());
    }

    @Test
    void theMaxColumnOfASparseBlockIsItsLargestStoredColumnOverAllEntries() {
        BlockBuilder builder = new BlockBuilder();
        builder.startRow(0, 1);
        builder.addFeature(1, 1.0);
        builder.addFeature(8, 0.0);
        builder.endRow();
        builder.startRow(0, 1);
        builder.addFeature(2, 1.0);
        builder.addFeature(5, 1.0);
        builder.endRow();

        assertEquals(8, DataSummary.of(builder.build(20, BlockStorage.SPARSE)).maxColumnIndex());
    }

    @Test
    void aDenseBlockReachesItsLastColumn() {
        DenseBlock block = new DenseBlock(1, 5, new double[5], new double[] {2.5}, new double[] {1});

        DataSummary summary = DataSummary.of(block);

        assertEquals(4, summary.maxColumnIndex());
        assertFalse(summary.allLabelsIntegral());
    }

    @Test
    void emptyIsTheSummaryOfNoRowsAndTheIdentityOfMerge() {
        DataSummary empty = DataSummary.empty();
        DataSummary some = DataSummary.of(labelsOnly(3, 1.5));

        assertEquals(empty, DataSummary.of(labelsOnly()));
        assertEquals(0, empty.rows());
        assertEquals(-1, empty.maxColumnIndex());
        assertEquals(Double.POSITIVE_INFINITY, empty.minLabel());
        assertEquals(Double.NEGATIVE_INFINITY, empty.maxLabel());
        assertTrue(empty.allLabelsIntegral());
        assertEquals(some, some.merge(empty));
        assertEquals(some, empty.merge(some));
    }

    @Test
    void mergingPartsGivesTheSummaryOfTheWhole() {
        Random random = new Random(3);
        int rows = 1000;
        double[] labels = new double[rows];
        double[] weights = new double[rows];
        int[] columns = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(5) - 2;
            weights[i] = random.nextInt(4) / 2.0; // dyadic, so every order of summing is exact
            columns[i] = random.nextInt(60) - 1;
        }

        DataSummary whole = DataSummary.of(block(labels, weights, columns, 60));
        DataSummary merged = DataSummary.empty();
        for (int start = 0; start < rows; start += 137) {
            int end = Math.min(rows, start + 137);
            merged = merged.merge(DataSummary.of(block(Arrays.copyOfRange(labels, start, end),
                    Arrays.copyOfRange(weights, start, end), Arrays.copyOfRange(columns, start, end), 60)));
        }

        assertEquals(whole, merged);
    }

    @Test
    void mergeIsCommutativeAndAssociative() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            DataSummary a = randomSummary(random);
            DataSummary b = randomSummary(random);
            DataSummary c = randomSummary(random);

            assertEquals(a.merge(b), b.merge(a));
            assertEquals(a.merge(b).merge(c), a.merge(b.merge(c)));
        }
    }

    /** Up to 60 rows drawn from a label range that sometimes exceeds the distinct-label cap. */
    private static DataSummary randomSummary(Random random) {
        int rows = random.nextInt(60);
        int labelRange = 1 + random.nextInt(120);
        double[] labels = new double[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(labelRange) * (random.nextBoolean() ? 1.0 : 0.25);
        }
        return DataSummary.of(labelsOnly(labels));
    }

    @Test
    void keepsTheSmallestDistinctLabelsUpToTheCapAndFlagsTheRest() {
        double[] descending = new double[100];
        for (int i = 0; i < descending.length; i++) {
            descending[i] = 99 - i;
        }
        double[] smallest = new double[DataSummary.MAX_DISTINCT_LABELS];
        Arrays.setAll(smallest, i -> i);

        DataSummary hundred = DataSummary.of(labelsOnly(descending));
        DataSummary exactlyCap = DataSummary.of(labelsOnly(smallest));

        assertArrayEquals(smallest, hundred.distinctLabels());
        assertTrue(hundred.moreDistinctLabels());
        assertEquals(0, hundred.minLabel());
        assertEquals(99, hundred.maxLabel());
        assertArrayEquals(smallest, exactlyCap.distinctLabels());
        assertFalse(exactlyCap.moreDistinctLabels());
        assertTrue(exactlyCap.merge(DataSummary.of(labelsOnly(200))).moreDistinctLabels());
        assertFalse(exactlyCap.merge(DataSummary.of(labelsOnly(5, 63))).moreDistinctLabels());
    }

    @Test
    void negativeZeroIsTheSameLabelAsZero() {
        DataSummary summary = DataSummary.of(labelsOnly(-0.0, 0.0, -0.0));

        assertArrayEquals(new double[] {0.0}, summary.distinctLabels());
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(summary.minLabel()));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(summary.maxLabel()));
    }

    @Test
    void isImmutable() {
        DataSummary summary = DataSummary.of(labelsOnly(1, 2));

        summary.distinctLabels()[0] = 42;

        assertArrayEquals(new double[] {1, 2}, summary.distinctLabels());
        assertNotEquals(summary, DataSummary.of(labelsOnly(1, 3)));
    }

    @Test
    void rejectsInconsistentComponents() {
        assertThrows(IllegalArgumentException.class,
                () -> new DataSummary(-1, 0, -1, 0, 0, true, new double[0], false));
        assertThrows(IllegalArgumentException.class,
                () -> new DataSummary(2, 2, -1, 0, 1, true, new double[] {1, 0}, false));
        assertThrows(IllegalArgumentException.class,
                () -> new DataSummary(2, 2, -1, 0, 1, true, new double[] {0, 1}, true));
        assertThrows(IllegalArgumentException.class,
                () -> DataSummary.of(new DenseBlock(1, 0, new double[0], new double[] {Double.NaN}, new double[] {1})));
    }

    @Test
    void survivesJavaSerialization() throws IOException, ClassNotFoundException {
        DataSummary summary = DataSummary.of(labelsOnly(1, 0.5, 7));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(summary);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(summary, in.readObject());
        }
    }
}
