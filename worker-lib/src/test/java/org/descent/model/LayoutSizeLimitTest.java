package org.descent.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The largest feature counts the layouts report are exactly the largest their constructors accept. */
class LayoutSizeLimitTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10, 1000})
    void linearMaxFeaturesIsTheLargestCountTheLayoutAccepts(int outputs) {
        int max = LinearLayout.maxFeatures(outputs);
        assertDoesNotThrow(() -> new LinearLayout(max, outputs, true));
        assertThrows(IllegalArgumentException.class, () -> new LinearLayout(max + 1, outputs, true));
    }

    @Test
    void oneOutputLeavesRoomForEveryFeatureAndTheInterceptInTheLargestArray() {
        // n + 1 <= Integer.MAX_VALUE - 8
        assertEquals(Integer.MAX_VALUE - 9, LinearLayout.maxFeatures(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "4", "256,128,10", "3,3"})
    void mlpMaxInputWidthIsTheLargestWidthTheLayoutAccepts(String later) {
        String[] parts = later.split(",");
        int[] widths = new int[parts.length + 1];
        for (int k = 0; k < parts.length; k++) {
            widths[k + 1] = Integer.parseInt(parts[k]);
        }
        int max = MlpLayout.maxInputWidth(widths);
        widths[0] = max;
        assertDoesNotThrow(() -> new MlpLayout(widths));
        widths[0] = max + 1;
        assertThrows(IllegalArgumentException.class, () -> new MlpLayout(widths));
    }

    @Test
    void laterLayersTooLargeOnTheirOwnLeaveNoRoomForAnyInput() {
        assertEquals(0, MlpLayout.maxInputWidth(0, 100_000, 100_000));
    }
}
