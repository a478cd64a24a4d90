package org.descent.driver.compare;

import org.descent.driver.round.BatchMode;
import org.descent.driver.train.ModelKind;
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

class TargetLossTest {

    static RunOutcome run(String name, double start, double end, double finalLoss) {
        TrainingConfig config = new TrainingConfig(ModelKind.LINEAR, 0, true, new BatchMode.Full(), new Sgd(),
                new ConstantSchedule(0.1), GradientClipping.OFF, 10, 1, 0, 0, new Regularization(0, 0), 0);
        TrainingResult result = new TrainingResult(new double[0], null, List.of(),
                Double.isFinite(finalLoss) ? StopReason.MAX_ITERATIONS : StopReason.DIVERGED, "", finalLoss, 0);
        return new RunOutcome(new RunSetting(name, "", config), result,
                List.of(new ObjectivePoint(0, 0, start), new ObjectivePoint(10, 100, end)), 1, Map.of());
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
    void aRunReachesTheTargetAtItsFirstMeasurementAtOrBelowIt() {
        RunOutcome r = run("a", 2, 1, 1);
        assertEquals(10, r.reach(1.0).orElseThrow().iteration());
        assertEquals(100, r.reach(1.0).orElseThrow().millis());
        assertEquals(0, r.reach(2.0).orElseThrow().iteration());
        assertEquals(true, r.reach(0.99).isEmpty());
    }

    @Test
    void aGivenTargetMustBeFinite() {
        assertThrows(IllegalArgumentException.class, () -> TargetLoss.given(Double.NaN));
    }
}
