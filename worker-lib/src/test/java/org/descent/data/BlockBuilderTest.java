package org.descent.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockBuilderTest {

    /** Adds a row whose entries are given as column, value, column, value, ... */
    private static void addRow(BlockBuilder builder, double label, double weight, double... columnValuePairs) {
        builder.startRow(label, weight);
        for (int k = 0; k < columnValuePairs.length; k += 2) {
            builder.addFeature((int) columnValuePairs[k], columnValuePairs[k + 1]);
        }
        builder.endRow();
    }

    @Test
    void sparseBuildHoldsTheRowsInCsrFormWithExactLengthArrays() {
        BlockBuilder builder = new BlockBuilder(100, 1000);
        addRow(builder, 1.0, 2.0, 0, 1.5, 3, -2.0);
        addRow(builder, 0.0, 1.0);
        addRow(builder, -1.0, 0.5, 2, 4.0);

        SparseBlock block = assertInstanceOf(SparseBlock.class, builder.build(4, BlockStorage.SPARSE));

        assertEquals(3, block.numRows());
        assertEquals(4, block.numFeatures());
        assertArrayEquals(new int[] {0, 2, 2, 3}, block.rowPointers());
        assertArrayEquals(new int[] {0, 3, 2}, block.columnIndices());
        assertArrayEquals(new double[] {1.5, -2.0, 4.0}, block.values());
        assertArrayEquals(new double[] {1.0, 0.0, -1.0}, block.labels());
        assertArrayEquals(new double[] {2.0, 1.0, 0.5}, block.weights());
    }

    @Test
    void denseBuildIsRowMajorWithZerosFilledIn() {
        BlockBuilder builder = new BlockBuilder();
        addRow(builder, 1.0, 1.0, 0, 1.0, 2, 3.0);
        addRow(builder, 2.0, 1.0, 1, 5.0);

        DenseBlock block = assertInstanceOf(DenseBlock.class, builder.build(3, BlockStorage.DENSE));

        assertArrayEquals(new double[] {1.0, 0.0, 3.0, 0.0, 5.0, 0.0}, block.values());
        assertArrayEquals(new double[] {1.0, 2.0}, block.labels());
        assertArrayEquals(new double[] {1.0, 1.0}, block.weights());
    }

    @Test
    void autoIsDenseFromHalfTheCellsStoredAndSparseBelow() {
        BlockBuilder fourOfEight = new BlockBuilder();
        addRow(fourOfEight, 0, 1, 0, 1.0, 1, 1.0);
        addRow(fourOfEight, 0, 1, 2, 1.0, 3, 1.0);
        BlockBuilder threeOfEight = new BlockBuilder();
        addRow(threeOfEight, 0, 1, 0, 1.0, 1, 1.0);
        addRow(threeOfEight, 0, 1, 2, 1.0);

        assertInstanceOf(DenseBlock.class, fourOfEight.build(4, BlockStorage.AUTO));
        assertInstanceOf(SparseBlock.class, threeOfEight.build(4, BlockStorage.AUTO));
        // density is measured against numFeatures, not against the columns seen: 4 of 10 cells
        assertInstanceOf(SparseBlock.class, fourOfEight.build(5, BlockStorage.AUTO));
    }

    @Test
    void storedZerosCountTowardsDensity() {
        BlockBuilder builder = new BlockBuilder();
        addRow(builder, 0, 1, 0, 0.0, 1, 0.0);

        assertInstanceOf(DenseBlock.class, builder.build(2, BlockStorage.AUTO));
    }

    @Test
    void autoIsSparseForABlockWithNoCells() {
        BlockBuilder noRows = new BlockBuilder();
        BlockBuilder noFeatures = new BlockBuilder();
        addRow(noFeatures, 1, 1);

        assertInstanceOf(SparseBlock.class, noRows.build(3, BlockStorage.AUTO));
        assertInstanceOf(SparseBlock.class, noFeatures.build(0, BlockStorage.AUTO));
    }

    @Test
    void denseAndSparseBuildsOfRandomRowsGiveIdenticalRows() {
        Random random = new Random(7);
        int numFeatures = 13;
        BlockBuilder builder = new BlockBuilder();
        for (int row = 0; row < 200; row++) {
            builder.startRow(random.nextInt(3), random.nextDouble());
            for (int column = 0; column < numFeatures; column++) {
                if (random.nextDouble() < 0.6) {
                    builder.addFeature(column, random.nextGaussian());
                }
            }
            builder.endRow();
        }

        DataBlock dense = builder.build(numFeatures, BlockStorage.DENSE);
        DataBlock sparse = builder.build(numFeatures, BlockStorage.SPARSE);
        DataBlock auto = builder.build(numFeatures, BlockStorage.AUTO);

        assertInstanceOf(DenseBlock.class, auto);
        assertArrayEquals(dense.labels(), sparse.labels());
        assertArrayEquals(dense.weights(), sparse.weights());
        double[] denseRow = new double[numFeatures];
        double[] sparseRow = new double[numFeatures];
        for (int row = 0; row < dense.numRows(); row++) {
            dense.copyRowInto(row, denseRow);
            sparse.copyRowInto(row, sparseRow);
            assertArrayEquals(denseRow, sparseRow, "row " + row);
        }
    }

    @Test
    void growsAcrossManyRowsFromTheSmallestCapacity() {
        int rows = 25_000;
        BlockBuilder builder = new BlockBuilder(0, 0);
        for (int row = 0; row < rows; row++) {
            builder.startRow(row, 1.0);
            for (int k = 0; k < row % 5; k++) {
                builder.addFeature(row % 7 + k, row + k / 10.0);
            }
            builder.endRow();
        }

        SparseBlock block = (SparseBlock) builder.build(11, BlockStorage.SPARSE);

        assertEquals(rows, block.numRows());
        int expectedEntries = 0;
        for (int row = 0; row < rows; row++) {
            assertEquals(expectedEntries, block.rowPointers()[row]);
            for (int k = 0; k < row % 5; k++) {
                assertEquals(row % 7 + k, block.columnIndices()[expectedEntries]);
                assertEquals(row + k / 10.0, block.values()[expectedEntries]);
                expectedEntries++;
            }
            assertEquals(row, block.labels()[row]);
        }
        assertEquals(expectedEntries, block.numNonZeros());
        assertEquals(expectedEntries, block.rowPointers()[rows]);
    }

    @Test
    void growthIsAmortizedSoAMillionRowsTakeFarLessThanTheLimit() {
        // Growing by a constant instead of doubling would copy about 10^12 elements here.
        int rows = 1_000_000;
        BlockBuilder builder = new BlockBuilder(0, 0);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int row = 0; row < rows; row++) {
                builder.startRow(1.0, 1.0);
                builder.addFeature(row % 3, 1.0);
                builder.endRow();
            }
        });

        assertEquals(rows, builder.numRows());
        assertEquals(rows, builder.numEntries());
    }

    @Test
    void buildFailsWhenAColumnIsOutsideNumFeatures() {
        BlockBuilder builder = new BlockBuilder();
        addRow(builder, 1, 1, 4, 1.0);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.build(4, BlockStorage.AUTO));
        assertTrue(e.getMessage().contains("column 4"), e.getMessage());
        assertEquals(5, builder.build(5, BlockStorage.SPARSE).numFeatures());
    }

    @Test
    void denseFailsWhenTheCellsDoNotFitInOneArray() {
        BlockBuilder builder = new BlockBuilder();
        addRow(builder, 1, 1, 0, 1.0);
        addRow(builder, 1, 1, 0, 1.0);

        assertThrows(IllegalArgumentException.class, () -> builder.build(Integer.MAX_VALUE, BlockStorage.DENSE));
        assertInstanceOf(SparseBlock.class, builder.build(Integer.MAX_VALUE, BlockStorage.AUTO));
    }

    @Test
    void builtBlocksDoNotShareArraysWithTheBuilder() {
        BlockBuilder builder = new BlockBuilder(1, 1);
        addRow(builder, 1, 1, 0, 1.0);
        SparseBlock first = (SparseBlock) builder.build(2, BlockStorage.SPARSE);

        builder.clear();
        addRow(builder, 2, 3, 1, 9.0);
        SparseBlock second = (SparseBlock) builder.build(2, BlockStorage.SPARSE);

        assertArrayEquals(new int[] {0}, first.columnIndices());
        assertArrayEquals(new double[] {1.0}, first.values());
        assertArrayEquals(new double[] {1.0}, first.labels());
        assertArrayEquals(new int[] {1}, second.columnIndices());
        assertArrayEquals(new double[] {3.0}, second.weights());
    }

    @Test
    void discardRowRestoresTheBuilderToBeforeStartRow() {
        BlockBuilder builder = new BlockBuilder();
        addRow(builder, 1, 1, 2, 1.0);
        builder.startRow(5, 1);
        builder.addFeature(3, 1.0);
        builder.addFeature(8, 1.0);

        builder.discardRow();

        assertEquals(1, builder.numRows());
        assertEquals(1, builder.numEntries());
        assertEquals(2, builder.maxColumnIndex());
        assertEquals(new SparseBlock(1, 3, new int[] {0, 1}, new int[] {2}, new double[] {1.0},
                new double[] {1.0}, new double[] {1.0}), builder.build(3, BlockStorage.SPARSE));
    }

    @Test
    void maxColumnIndexIsMinusOneUntilAValueIsStored() {
        BlockBuilder builder = new BlockBuilder();
        assertEquals(-1, builder.maxColumnIndex());
        addRow(builder, 1, 1);
        assertEquals(-1, builder.maxColumnIndex());
        addRow(builder, 1, 1, 6, 0.0);
        assertEquals(6, builder.maxColumnIndex());
    }

    @Test
    void misuseIsRejected() {
        BlockBuilder builder = new BlockBuilder();
        assertThrows(IllegalStateException.class, () -> builder.addFeature(0, 1.0));
        assertThrows(IllegalStateException.class, builder::endRow);
        assertThrows(IllegalStateException.class, builder::discardRow);
        assertThrows(IllegalArgumentException.class, () -> builder.startRow(Double.NaN, 1.0));
        assertThrows(IllegalArgumentException.class, () -> builder.startRow(1.0, -0.5));
        assertThrows(IllegalArgumentException.class, () -> builder.startRow(1.0, Double.POSITIVE_INFINITY));

        builder.startRow(1.0, 1.0);
        assertThrows(IllegalStateException.class, () -> builder.startRow(1.0, 1.0));
        assertThrows(IllegalStateException.class, () -> builder.build(1, BlockStorage.AUTO));
        assertThrows(IllegalArgumentException.class, () -> builder.addFeature(-1, 1.0));
        builder.addFeature(3, 1.0);
        assertThrows(IllegalArgumentException.class, () -> builder.addFeature(3, 1.0));
        assertThrows(IllegalArgumentException.class, () -> builder.addFeature(2, 1.0));
        assertThrows(IllegalArgumentException.class, () -> builder.addFeature(4, Double.NaN));
    }

    @Test
    void theLabelOfACompletedRowCanBeReadBack() {
        BlockBuilder builder = new BlockBuilder();
        builder.startRow(3.5, 1);
        builder.endRow();
        builder.startRow(-1, 1);

        assertEquals(3.5, builder.label(0));
        assertThrows(IndexOutOfBoundsException.class, () -> builder.label(1), "row 1 is still open");
    }

    @Test
    void appendingRowsInBulkStoresWhatAddingThemOneByOneStores() {
        Random random = new Random(5);
        BlockBuilder parsed = new BlockBuilder();
        for (int r = 0; r < 40; r++) {
            parsed.startRow(r % 2, 1 + r % 3);
            for (int j = 0; j < 7; j++) {
                if (random.nextDouble() < 0.4) {
                    parsed.addFeature(j, random.nextGaussian());
                }
            }
            parsed.endRow();
        }
        SparseBlock source = (SparseBlock) parsed.build(7, BlockStorage.SPARSE);

        BlockBuilder oneByOne = new BlockBuilder();
        BlockBuilder bulk = new BlockBuilder(2, 3);
        oneByOne.startRow(9, 1);
        oneByOne.addFeature(1, 0.5);
        oneByOne.endRow();
        bulk.startRow(9, 1);
        bulk.addFeature(1, 0.5);
        bulk.endRow();
        for (int i = 5; i < 33; i++) {
            oneByOne.startRow(source.labels()[i], source.weights()[i]);
            for (int k = source.rowPointers()[i]; k < source.rowPointers()[i + 1]; k++) {
                oneByOne.addFeature(source.columnIndices()[k], source.values()[k]);
            }
            oneByOne.endRow();
        }
        bulk.appendRows(source, 5, 20);
        bulk.appendRows(source, 20, 20);
        bulk.appendRows(source, 20, 33);

        assertEquals(oneByOne.maxColumnIndex(), bulk.maxColumnIndex());
        SparseBlock expected = (SparseBlock) oneByOne.build(7, BlockStorage.SPARSE);
        SparseBlock actual = (SparseBlock) bulk.build(7, BlockStorage.SPARSE);
        assertEquals(expected.numRows(), actual.numRows());
        assertArrayEquals(expected.rowPointers(), actual.rowPointers());
        assertArrayEquals(expected.columnIndices(), actual.columnIndices());
        assertArrayEquals(expected.values(), actual.values());
        assertArrayEquals(expected.labels(), actual.labels());
        assertArrayEquals(expected.weights(), actual.weights());
        DenseBlock dense = (DenseBlock) bulk.build(7, BlockStorage.DENSE);
        assertEquals(29, dense.numRows());
    }

    @Test
    void appendingRowsChecksThemAsAddingDoesAndLeavesTheBuilderAsItWasOnARefusal() {
        SparseBlock bad = new SparseBlock(2, 3, new int[] {0, 1, 3}, new int[] {0, 2, 1}, new double[] {1, 2, 3},
                new double[] {0, 1}, new double[] {1, 1});
        BlockBuilder builder = new BlockBuilder();
        builder.appendRows(bad, 0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.appendRows(bad, 1, 2));
        assertEquals("columns must be strictly ascending within a row, 1 after 2", e.getMessage());
        assertEquals(1, builder.numRows(), "the refused rows left no trace");
        SparseBlock notFinite = new SparseBlock(1, 3, new int[] {0, 1}, new int[] {0}, new double[] {Double.NaN},
                new double[] {0}, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> builder.appendRows(notFinite, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> builder.appendRows(bad, 1, 3));
        assertEquals(0, builder.maxColumnIndex());
    }
}
