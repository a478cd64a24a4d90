package org.descent.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link DataBlock#selectRows} against a row-by-row copy, for every storage. */
class SelectRowsTest {

    /** Three rows of four features: row 1 is all zeros, row 2 has one non-zero. */
    private static final double[][] ROWS = {{1, 0, 2.5, -1}, {0, 0, 0, 0}, {0, 0, 0, 7}};
    private static final double[] LABELS = {1, 0, 1};
    private static final double[] WEIGHTS = {0.5, 1, 2};

    private static List<DataBlock> blocks() {
        double[] dense = new double[12];
        float[] floats = new float[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                dense[i * 4 + j] = ROWS[i][j];
                floats[i * 4 + j] = (float) ROWS[i][j];
            }
        }
        SparseBlock sparse = new SparseBlock(3, 4, new int[]{0, 3, 3, 4}, new int[]{0, 2, 3, 3},
                new double[]{1, 2.5, -1, 7}, LABELS, WEIGHTS);
        return List.of(new DenseBlock(3, 4, dense, LABELS, WEIGHTS), new DenseFloatBlock(3, 4, floats, LABELS, WEIGHTS),
                sparse);
    }

    @Test
    void theSelectedRowsAreTheOriginalsRowsInOrderWithTheirLabelsAndWeights() {
        for (int[] rows : new int[][]{{0, 2}, {1}, {}, {0, 1, 2}, {2}}) {
            for (DataBlock block : blocks()) {
                DataBlock selected = block.selectRows(rows);
                assertEquals(block.getClass(), selected.getClass());
                assertEquals(rows.length, selected.numRows());
                assertEquals(4, selected.numFeatures());
                double[] expected = new double[4];
                double[] actual = new double[4];
                for (int k = 0; k < rows.length; k++) {
                    block.copyRowInto(rows[k], expected);
                    selected.copyRowInto(k, actual);
                    assertArrayEquals(expected, actual, 0.0, block.getClass().getSimpleName() + " row " + rows[k]);
                    assertEquals(LABELS[rows[k]], selected.labels()[k], 0.0);
                    assertEquals(WEIGHTS[rows[k]], selected.weights()[k], 0.0);
                }
            }
        }
    }
}
