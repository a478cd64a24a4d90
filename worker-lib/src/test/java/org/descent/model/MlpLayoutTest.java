package org.descent.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpLayoutTest {

    @Test
    void layersFollowEachOtherWeightsThenBiases() {
        MlpLayout layout = new MlpLayout(4, 3, 2);
        // W_0: 4x3 at 0..11, b_0 at 12..14, W_1: 3x2 at 15..20, b_1 at 21..22.
        assertEquals(2, layout.numLayers());
        assertEquals(23, layout.numParams());
        assertEquals(0, layout.weightOffset(0));
        assertEquals(12, layout.biasOffset(0));
        assertEquals(15, layout.weightOffset(1));
        assertEquals(21, layout.biasOffset(1));
        assertEquals(3 * 3 + 1, layout.weightIndex(0, 3, 1), "input-major: row i of W holds input i's weights");
        assertEquals(15 + 2 * 2 + 1, layout.weightIndex(1, 2, 1));
        assertEquals(4, layout.numFeatures());
        assertEquals(2, layout.numOutputs());
        assertArrayEquals(new int[] {4, 3, 2}, layout.widths());
    }

    @Test
    void weightsArePenalizedAndBiasesAreNot() {
        MlpLayout layout = new MlpLayout(4, 3, 2);
        for (int j = 0; j < layout.numParams(); j++) {
            boolean bias = (j >= 12 && j < 15) || j >= 21;
            assertEquals(!bias, layout.isPenalized(j), "entry " + j);
        }
        // So the L2 penalty is (λ/2) Σ w² over the 18 weights only.
        double[] params = new double[layout.numParams()];
        java.util.Arrays.fill(params, 2.0);
        assertEquals(0.5 * 0.1 * 18 * 4.0, new Regularization(0.1, 0).penalty(params, layout), 1e-12);
        assertThrows(IndexOutOfBoundsException.class, () -> layout.isPenalized(23));
    }

    @Test
    void oneLayerHasTheSizeOfALinearModelWithIntercepts() {
        assertEquals(new LinearLayout(784, 10, true).numParams(), new MlpLayout(784, 10).numParams());
        // The Fashion-MNIST network: 784·256 + 256 + 256·128 + 128 + 128·10 + 10.
        assertEquals(235_146, new MlpLayout(784, 256, 128, 10).numParams());
    }

    @Test
    void badShapesAreRefusedAndEqualityIsByWidths() {
        assertThrows(IllegalArgumentException.class, () -> new MlpLayout(5));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new MlpLayout(5, 0, 2));
        assertTrue(zero.getMessage().contains(">= 1"), zero.getMessage());
        IllegalArgumentException huge =
                assertThrows(IllegalArgumentException.class, () -> new MlpLayout(1 << 20, 1 << 12, 2));
        assertTrue(huge.getMessage().contains("too many"), huge.getMessage());
        int[] widths = {3, 4, 2};
        MlpLayout layout = new MlpLayout(widths);
        widths[1] = 99;
        assertEquals(new MlpLayout(3, 4, 2), layout, "the widths were copied");
        assertEquals(new MlpLayout(3, 4, 2).hashCode(), layout.hashCode());
        assertNotEquals(new MlpLayout(3, 5, 2), layout);
    }
}
