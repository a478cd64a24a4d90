package org.descent.driver.compare;

import org.descent.driver.round.BatchMode;
import org.descent.driver.spec.ModelKind;
import org.descent.driver.train.StopReason;
import org.descent.driver.train.TrainingConfig;
import org.descent.driver.train.TrainingResult;
import org.descent.model.Regularization;
import org.descent.optim.ConstantSchedule;
import org.descent.optim.GradientClipping;
import org.descent.optim.Sgd;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetLossTest {

    static RunOutcome run(String name, double start, double end, double finalLoss) {
        return outcome(name, List.of(point(0, start), point(10, end)), finalLoss);
    }

    static ObjectivePoint point(int iteration, double objective) {
        return new ObjectivePoint(iteration, iteration * 10.0, objective);
    }

    static RunOutcome outcome(String name, List<ObjectivePoint> points, double finalLoss) {
        TrainingConfig config = new TrainingConfig(ModelKind.LINEAR, 0, true, new BatchMode.Full(), new Sgd(),
                new ConstantSchedule(0.1), GradientClipping.OFF, 10, 1, 0, 0, new Regularization(0, 0), 0);
        TrainingResult result = new TrainingResult(new double[0], null, List.of(),
                Double.isFinite(finalLoss) ? StopReason.MAX_ITERATIONS : StopReason.DIVERGED, "", finalLoss, 0);
        return new RunOutcome(new RunSetting(name, "", config), result, points, 1, Map.of());
    }

    @Test
    void theDefaultIsNinetyNinePercentOfTheWayFromTheStartToTheBestFinalObjective() {
        // F0 = 2, F* = 1: target = 1 + 0.01 * (2 - 1) = 1.01, whatever the other runs reached.
        TargetLoss target = TargetLoss.byDefault(List.of(run("a", 2, 1.5, 1.5), run("b", 2, 1, 1),
                run("c", 2, Double.NaN, Double.NaN)));
        assertEquals(1.01, target.value(), 1e-15);
        // The same decrease on top of a constant: the target moves with it.
        assertEquals(101.01, TargetLoss.byDefault(List.of(run("a", 102, 101, 101))).value(), 1e-12);
    }

    @Test
    void noFiniteFinalObjectiveMeansNoTarget() {
        assertNull(TargetLoss.byDefault(List.of(run("x", 2, Double.NaN, Double.NaN))));
    }

    @Test
    void aRunReachesTheTargetWhereItsObjectiveGoesBelowItForGood() {
        RunOutcome r = run("a", 2, 1, 1);
        assertEquals(10, r.reach(1.0).orElseThrow().iteration());
        assertEquals(100, r.reach(1.0).orElseThrow().millis());
        assertEquals(0, r.reach(2.0).orElseThrow().iteration());
        assertTrue(r.reach(0.99).isEmpty());
        // Dips below 1.0 at iteration 2, climbs out (momentum's overshoot), below for good from 6.
        RunOutcome dipping = outcome("dip", List.of(point(0, 2), point(2, 0.9), point(4, 1.2), point(6, 0.95),
                point(8, 0.92)), 0.92);
        assertEquals(6, dipping.reach(1.0).orElseThrow().iteration());
        // A run that diverged after being below the target never reached it.
        RunOutcome diverged = outcome("boom", List.of(point(0, 2), point(2, 0.5)), Double.NaN);
        assertTrue(diverged.reach(1.0).isEmpty());
    }

    @Test
    void aGivenTargetMustBeFinite() {
        assertThrows(IllegalArgumentException.class, () -> TargetLoss.given(Double.NaN));
    }
}
