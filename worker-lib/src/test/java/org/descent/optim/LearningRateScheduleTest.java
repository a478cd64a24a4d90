package org.descent.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each schedule's rate at iterations 0, 1, its characteristic k, and late, against its formula. */
class LearningRateScheduleTest {

    private static final double EXACT = 1e-15;

    @Test
    void constantNeverChanges() {
        LearningRateSchedule s = new ConstantSchedule(0.3);
        for (long t : new long[] {0, 1, 10, 1_000_000}) {
            assertEquals(0.3, s.rate(t), EXACT);
        }
    }

    @Test
    void stepDropsByGammaEveryKIterations() {
        // η_t = 0.5 · 0.1^⌊t/10⌋
        LearningRateSchedule s = new StepSchedule(0.5, 0.1, 10);
        assertEquals(0.5, s.rate(0), EXACT);
        assertEquals(0.5, s.rate(1), EXACT);
        assertEquals(0.5, s.rate(9), EXACT);
        assertEquals(0.05, s.rate(10), EXACT);
        assertEquals(0.005, s.rate(25), 1e-17);
        assertEquals(0.5e-10, s.rate(100), 1e-24);
    }

    @Test
    void exponentialMultipliesByGammaEachIteration() {
        // η_t = 0.2 · 0.9^t
        LearningRateSchedule s = new ExponentialSchedule(0.2, 0.9);
        assertEquals(0.2, s.rate(0), EXACT);
        assertEquals(0.18, s.rate(1), EXACT);
        assertEquals(0.2 * 0.729, s.rate(3), EXACT);
        assertEquals(0.2 * Math.pow(0.9, 500), s.rate(500), 1e-30);
    }

    @Test
    void linearInterpolatesToTheFinalRateThenStays() {
        // η_t = 1 + (0.1 − 1) · min(t/100, 1)
        LearningRateSchedule s = new LinearSchedule(1.0, 0.1, 100);
        assertEquals(1.0, s.rate(0), EXACT);
        assertEquals(0.991, s.rate(1), EXACT);
        assertEquals(0.55, s.rate(50), EXACT);
        assertEquals(0.1, s.rate(100), EXACT);
        assertEquals(0.1, s.rate(10_000), EXACT);
    }

    @Test
    void inverseTimeDecaysAsOneOverOnePlusGammaT() {
        // η_t = 0.6 / (1 + 0.5 t)
        LearningRateSchedule s = new InverseTimeSchedule(0.6, 0.5);
        assertEquals(0.6, s.rate(0), EXACT);
        assertEquals(0.4, s.rate(1), EXACT);
        assertEquals(0.1, s.rate(10), EXACT);
        assertEquals(0.6 / 5001, s.rate(10_000), EXACT);
    }

    @Test
    void warmupClimbsLinearlyThenHandsOverToTheBaseFromItsStart() {
        // t < 4: η_t = 0.8 · (t+1)/4; then the step schedule (γ 0.5 every 2) at t − 4.
        LearningRateSchedule s = new WarmupSchedule(4, new StepSchedule(0.8, 0.5, 2));
        assertEquals(0.2, s.rate(0), EXACT);
        assertEquals(0.4, s.rate(1), EXACT);
        assertEquals(0.8, s.rate(3), EXACT);
        assertEquals(0.8, s.rate(4), EXACT);
        assertEquals(0.8, s.rate(5), EXACT);
        assertEquals(0.4, s.rate(6), EXACT);
        assertEquals(0.8 * Math.pow(0.5, 48), s.rate(100), EXACT);
        assertEquals("warmup+step", s.name());
    }

    @Test
    void warmupComposesWithEveryBaseSchedule() {
        LearningRateSchedule[] bases = {new ConstantSchedule(0.1), new StepSchedule(0.1, 0.5, 3),
                new ExponentialSchedule(0.1, 0.9), new LinearSchedule(0.1, 0.0, 10), new InverseTimeSchedule(0.1, 1)};
        for (LearningRateSchedule base : bases) {
            LearningRateSchedule s = new WarmupSchedule(5, base);
            for (int t = 0; t < 5; t++) {
                assertEquals(0.1 * (t + 1) / 5, s.rate(t), EXACT, base.name() + " at " + t);
            }
            for (int t = 5; t < 30; t++) {
                assertEquals(base.rate(t - 5), s.rate(t), EXACT, base.name() + " at " + t);
            }
        }
    }

    @Test
    void badSettingsNameTheirKey() {
        assertMessage("lr must be a finite number > 0, got 0.0", () -> new ConstantSchedule(0));
        assertMessage("lr must be a finite number > 0, got -1.0", () -> new ExponentialSchedule(-1, 0.9));
        assertMessage("gamma must be in (0, 1] for this schedule, got 1.5", () -> new StepSchedule(0.1, 1.5, 3));
        assertMessage("step-every must be >= 1, got 0", () -> new StepSchedule(0.1, 0.5, 0));
        assertMessage("final-lr must be a finite number >= 0, got -0.1", () -> new LinearSchedule(0.1, -0.1, 10));
        assertMessage("gamma must be a finite number > 0, got 0.0", () -> new InverseTimeSchedule(0.1, 0));
        assertMessage("warmup must be >= 1 iteration, got 0", () -> new WarmupSchedule(0, new ConstantSchedule(1)));
    }

    static void assertMessage(String expected, Runnable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
