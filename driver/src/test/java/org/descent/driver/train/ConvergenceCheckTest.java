package org.descent.driver.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConvergenceCheckTest {

    @Test
    void fullBatchStopsWhenConsecutiveLossesAgreeWithinTheTolerance() {
        ConvergenceCheck check = new ConvergenceCheck(1e-6, 0, false);
        assertNull(check.check(List.of(1.0, 0.9), 1));
        assertEquals(StopReason.LOSS_TOLERANCE, check.check(List.of(1.0, 0.9, 0.9 * (1 - 5e-7)), 1));
    }

    @Test
    void twoNoisyWindowsThatAgreeByChanceDoNotStopASampledRun() {
        // Batch losses varying by about 1%: the two window means are made to agree to 3e-7.
        List<Double> losses = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 2 * ConvergenceCheck.WINDOW; i++) {
            losses.add(0.5 + 0.005 * (rng.nextDouble() - 0.5));
        }
        double shift = (mean(losses, 0, 10) * (1 - 3e-7) - mean(losses, 10, 20));
        for (int i = 10; i < 20; i++) {
            losses.set(i, losses.get(i) + shift);
        }
        assertNull(new ConvergenceCheck(1e-6, 0, true).check(losses, 1));
        assertNull(new ConvergenceCheck(1e-6, 0, false).check(losses.subList(0, 19), 1),
                "a full-batch check on the same values compares single losses");
    }

    @Test
    void aSampledRunStopsOnceTheTrendIsFlatAndTheNoiseBelowTheTolerance() {
        List<Double> losses = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 2 * ConvergenceCheck.WINDOW; i++) {
            losses.add(0.5 + 1e-4 * (rng.nextDouble() - 0.5));
        }
        assertNull(new ConvergenceCheck(1e-6, 0, true).check(losses, 1), "noise of 1e-4 is coarser than 1e-6");
        assertEquals(StopReason.LOSS_TOLERANCE, new ConvergenceCheck(1e-2, 0, true).check(losses, 1));
    }

    @Test
    void theGradientToleranceStopsAtOrBelowIt() {
        ConvergenceCheck check = new ConvergenceCheck(0, 1e-3, false);
        assertNull(check.check(List.of(1.0), 2e-3));
        assertEquals(StopReason.GRADIENT_TOLERANCE, check.check(List.of(1.0), 1e-3));
    }

    private static double mean(List<Double> values, int from, int to) {
        return values.subList(from, to).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
