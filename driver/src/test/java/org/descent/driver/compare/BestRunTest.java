package org.descent.driver.compare;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.descent.driver.compare.TargetLossTest.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BestRunTest {

    /** A point after {@code iteration} iterations and {@code millis} of training. */
    static ObjectivePoint at(int iteration, double millis, double objective) {
        return new ObjectivePoint(iteration, millis, objective);
    }

    static Comparison comparison(TargetLoss target, RunOutcome... runs) {
        return new Comparison(List.of(runs), target, Map.of());
    }

    // To a target of 1.0: "full" takes 3 iterations but 300 ms, "sgd" 40 iterations but 80 ms;
    // "slow" never gets there.
    static final RunOutcome FULL = outcome("full", List.of(at(0, 0, 2), at(3, 300, 0.9), at(5, 500, 0.5)), 0.5);
    static final RunOutcome SGD = outcome("sgd", List.of(at(0, 0, 2), at(40, 80, 0.95), at(80, 160, 0.7)), 0.7);
    static final RunOutcome SLOW = outcome("slow", List.of(at(0, 0, 2), at(10, 50, 1.5)), 1.5);

    @Test
    void theBestRunReachedTheTargetInTheLeastTrainingTimeNotTheFewestIterations() {
        BestRun best = comparison(TargetLoss.given(1.0), FULL, SGD, SLOW).best().orElseThrow();
        assertEquals("sgd", best.name());
        assertEquals(BestRun.Measure.TIME_TO_TARGET, best.measure());
        assertEquals("time-to-target", best.measureName());
    }

    @Test
    void equalTimesGoToFewerIterationsThenToTheEarlierRun() {
        RunOutcome a = outcome("a", List.of(at(0, 0, 2), at(20, 100, 0.5)), 0.5);
        RunOutcome b = outcome("b", List.of(at(0, 0, 2), at(10, 100, 0.5)), 0.5);
        RunOutcome c = outcome("c", List.of(at(0, 0, 2), at(10, 100, 0.5)), 0.5);
        assertEquals("b", comparison(TargetLoss.given(1.0), a, b, c).best().orElseThrow().name());
    }

    @Test
    void whenNoRunReachedTheTargetTheLowestFinalObjectiveIsBest() {
        BestRun best = comparison(TargetLoss.given(0.1), SLOW, SGD, FULL).best().orElseThrow();
        assertEquals("full", best.name());
        assertEquals(BestRun.Measure.FINAL_OBJECTIVE, best.measure());
    }

    @Test
    void aDivergedRunIsNeverBestAndWithoutAFiniteObjectiveNoneIs() {
        RunOutcome diverged = outcome("boom", List.of(at(0, 0, 2), at(1, 1, 0.01)), Double.NaN);
        assertEquals("full", comparison(TargetLoss.given(1.0), diverged, FULL).best().orElseThrow().name());
        assertTrue(comparison(null, diverged).best().isEmpty());
    }
}
