package org.descent.optim;

import org.junit.jupiter.api.Test;

import static org.descent.optim.LearningRateScheduleTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Defaults from the papers, and out-of-range settings refused with the key's name. */
class OptimizerSettingsTest {

    @Test
    void defaultsAreThePapers() {
        assertEquals(new Momentum(0.9), new Momentum());
        assertEquals(new Nesterov(0.9), new Nesterov());
        assertEquals(new AdaGrad(1e-8), new AdaGrad());
        assertEquals(new RmsProp(0.9, 1e-8), new RmsProp());
        assertEquals(new Adam(0.9, 0.999, 1e-8), new Adam());
        assertEquals(new AdamW(0.9, 0.999, 1e-8, 0.01), new AdamW());
    }

    @Test
    void outOfRangeSettingsNameTheirKey() {
        assertMessage("momentum must be in [0, 1), got 1.0", () -> new Momentum(1));
        assertMessage("momentum must be in [0, 1), got -0.1", () -> new Nesterov(-0.1));
        assertMessage("eps must be a finite number > 0, got 0.0", () -> new AdaGrad(0));
        assertMessage("rho must be in [0, 1), got 1.5", () -> new RmsProp(1.5, 1e-8));
        assertMessage("beta1 must be in [0, 1), got 1.0", () -> new Adam(1, 0.999, 1e-8));
        assertMessage("beta2 must be in [0, 1), got NaN", () -> new Adam(0.9, Double.NaN, 1e-8));
        assertMessage("weight-decay must be a finite number >= 0, got -0.01", () -> new AdamW(0.9, 0.999, 1e-8, -0.01));
    }

    @Test
    void stateSizesFitTheRule() {
        assertEquals(0, new Sgd().stateSize(10));
        assertEquals(10, new Momentum().stateSize(10));
        assertEquals(10, new RmsProp().stateSize(10));
        assertEquals(20, new Adam().stateSize(10));
        assertEquals(20, new AdamW().stateSize(10));
    }
}
