package org.descent.optim;

import org.junit.jupiter.api.Test;

import static org.descent.optim.LearningRateScheduleTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class GradientClippingTest {

    @Test
    void aLongGradientIsRescaledToTheLimitKeepingItsDirection() {
        double[] g = {3, -4}; // norm 5
        assertEquals(0.2, new GradientClipping(1).clip(g), 1e-15);
        assertArrayEquals(new double[] {0.6, -0.8}, g, 1e-15);
    }

    @Test
    void aShortGradientIsLeftAlone() {
        double[] g = {3, -4};
        assertEquals(1.0, new GradientClipping(5).clip(g));
        assertArrayEquals(new double[] {3, -4}, g, 0.0);
    }

    @Test
    void offNeverClips() {
        double[] g = {3e300, -4e300};
        assertFalse(GradientClipping.OFF.isOn());
        assertEquals(1.0, GradientClipping.OFF.clip(g));
        assertArrayEquals(new double[] {3e300, -4e300}, g, 0.0);
    }

    @Test
    void theLimitMustBePositive() {
        assertMessage("clip-norm must be > 0, got 0.0", () -> new GradientClipping(0));
        assertMessage("clip-norm must be > 0, got NaN", () -> new GradientClipping(Double.NaN));
    }
}
