package org.descent.driver.tune;

import org.descent.driver.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HalvingPlanTest {

    @Test
    void rungsGrowByEtaFromTheFirstBudgetAndEndAtMaxIter() {
        assertEquals(List.of(10, 30, 90, 100), HalvingPlan.of(3, 10, 100, 10).budgets());
        assertEquals(List.of(5, 10, 20, 40), HalvingPlan.of(2, 5, 40, 5).budgets());
        assertEquals(List.of(100), HalvingPlan.none(100).budgets());
    }

    @Test
    void theBestOneOverEtaGoOnAndAtLeastOne() {
        HalvingPlan plan = HalvingPlan.of(3, 10, 100, 10);
        assertEquals(9, plan.survivors(27));
        assertEquals(3, plan.survivors(10));
        assertEquals(1, plan.survivors(2));
    }

    @Test
    void theDefaultFirstRungIsMaxIterOverEtaSquaredOnAnEvaluation() {
        assertEquals(10, HalvingPlan.defaultMinIterations(3, 100, 10), "100/9 = 11, down to a multiple of 10");
        assertEquals(25, HalvingPlan.defaultMinIterations(2, 100, 1));
        assertEquals(10, HalvingPlan.defaultMinIterations(4, 50, 10), "at least one evaluation");
    }

    @Test
    void refusalsNameTheOption() {
        assertEquals("halving: the factor ETA between rungs must be >= 2, got 1",
                assertThrows(UserInputException.class, () -> HalvingPlan.of(1, 10, 100, 10)).getMessage());
        assertEquals("min-iter: the first rung's budget must be in [1, max-iter) = [1, 100), got 100",
                assertThrows(UserInputException.class, () -> HalvingPlan.of(3, 100, 100, 10)).getMessage());
        assertEquals("min-iter: 15 is not a multiple of --validate-every 10; every rung must end on an evaluation of "
                        + "the validation rows",
                assertThrows(UserInputException.class, () -> HalvingPlan.of(3, 15, 100, 10)).getMessage());
    }
}
